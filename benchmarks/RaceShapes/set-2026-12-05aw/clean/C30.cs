namespace WeddingPlanners.Seating;

public sealed record SeatingSnapshot(IReadOnlyDictionary<string, int> TableByGuest, IReadOnlyDictionary<int, int> Capacity, int Revision);

/// <summary>
/// Seating plan for one wedding. The planner's browser and the couple's phone edit it at the
/// same time through the API; either can save a snapshot and roll back to it later.
/// </summary>
public sealed class SeatingPlan
{
    private readonly object _gate = new();
    private Dictionary<string, int> _tableByGuest = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<int, int> _capacity = new();
    private int _revision;

    public void SetTable(int table, int seats)
    {
        lock (_gate)
        {
            _capacity[table] = seats;
            _revision++;
        }
    }

    public bool Seat(string guest, int table)
    {
        lock (_gate)
        {
            if (!_capacity.TryGetValue(table, out int seats))
            {
                return false;
            }
            int taken = _tableByGuest.Count(kv => kv.Value == table && !kv.Key.Equals(guest, StringComparison.OrdinalIgnoreCase));
            if (taken >= seats)
            {
                return false;
            }
            _tableByGuest[guest] = table;
            _revision++;
            return true;
        }
    }

    public SeatingSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new SeatingSnapshot(
                new Dictionary<string, int>(_tableByGuest, StringComparer.OrdinalIgnoreCase),
                new Dictionary<int, int>(_capacity),
                _revision);
        }
    }

    public void Restore(SeatingSnapshot snapshot)
    {
        // Build the new maps first.
        var guests = new Dictionary<string, int>(snapshot.TableByGuest, StringComparer.OrdinalIgnoreCase);
        var capacity = new Dictionary<int, int>(snapshot.Capacity);
        lock (_gate)
        {
            _tableByGuest = guests;
            _capacity = capacity;
            _revision++;
        }
    }

    public (int Guests, int Tables, int Revision) Summary()
    {
        lock (_gate)
        {
            return (_tableByGuest.Count, _capacity.Count, _revision);
        }
    }
}

/// <summary>Simulates the planner and the couple editing side by side.</summary>
public static class EditingSession
{
    public static async Task<string> RunAsync(SeatingPlan plan, IReadOnlyList<string> guests)
    {
        for (int t = 1; t <= 10; t++)
        {
            plan.SetTable(t, 8);
        }
        var checkpoint = plan.Snapshot();

        var planner = Task.Run(() =>
        {
            for (int i = 0; i < guests.Count; i += 2)
            {
                plan.Seat(guests[i], i % 10 + 1);
            }
        });
        var couple = Task.Run(() =>
        {
            for (int i = 1; i < guests.Count; i += 2)
            {
                plan.Seat(guests[i], (i * 3) % 10 + 1);
            }
            plan.Restore(checkpoint);
        });

        await Task.WhenAll(planner, couple);
        var (g, tables, rev) = plan.Summary();
        return $"{g} guests seated at {tables} tables (revision {rev})";
    }
}
