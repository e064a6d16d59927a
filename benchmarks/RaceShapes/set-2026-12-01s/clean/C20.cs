namespace WeddingPlanner.Seating;

public sealed record Guest(string Name, string Party, IReadOnlySet<string> AvoidSittingWith);

public sealed record TablePlan(int TableNumber, IReadOnlyList<Guest> Guests, int Conflicts);

/// <summary>
/// Builds the reception seating plan. Each table's arrangement is optimised
/// independently on the thread pool, then the results are assembled in table order.
/// </summary>
public sealed class SeatingPlanner
{
    private readonly int _seatsPerTable;

    public SeatingPlanner(int seatsPerTable = 10) => _seatsPerTable = seatsPerTable;

    public async Task<IReadOnlyList<TablePlan>> PlanAsync(IReadOnlyList<Guest> guests, CancellationToken ct)
    {
        // Keep parties together: fill tables party by party.
        var tables = guests
            .GroupBy(g => g.Party)
            .OrderByDescending(g => g.Count())
            .SelectMany(g => g)
            .Chunk(_seatsPerTable)
            .Select((chunk, i) => (Number: i + 1, Guests: chunk))
            .ToList();

        var work = tables.Select(t => Task.Run(() => OptimiseTable(t.Number, t.Guests, ct), ct));
        TablePlan[] plans = await Task.WhenAll(work);
        return plans.OrderBy(p => p.TableNumber).ToList();
    }

    private static TablePlan OptimiseTable(int number, Guest[] seated, CancellationToken ct)
    {
        var order = seated.ToArray();
        int best = CountConflicts(order);

        for (int pass = 0; pass < 200 && best > 0; pass++)
        {
            ct.ThrowIfCancellationRequested();
            for (int i = 0; i < order.Length - 1; i++)
            {
                (order[i], order[i + 1]) = (order[i + 1], order[i]);
                int conflicts = CountConflicts(order);
                if (conflicts < best)
                    best = conflicts;
                else
                    (order[i], order[i + 1]) = (order[i + 1], order[i]);
            }
        }

        return new TablePlan(number, order, best);
    }

    private static int CountConflicts(Guest[] order)
    {
        int conflicts = 0;
        for (int i = 0; i < order.Length; i++)
        {
            var left = order[i];
            var right = order[(i + 1) % order.Length];
            if (!ReferenceEquals(left, right) && left.AvoidSittingWith.Contains(right.Name))
                conflicts++;
        }
        return conflicts;
    }
}
