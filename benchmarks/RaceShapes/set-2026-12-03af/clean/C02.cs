namespace Blind32.LockPicking.Records;

public sealed record OpenedLock(string Competitor, string LockModel, TimeSpan Time);

/// <summary>
/// Per-table scoreboard at a lock-picking meet. Every table has its own board,
/// and judges' tablets post results to them from request threads. The record
/// for each lock model is kept across all tables.
/// </summary>
public sealed class TableScoreboard
{
    private static readonly object s_recordsGate = new();
    private static readonly Dictionary<string, OpenedLock> s_modelRecords = new(StringComparer.OrdinalIgnoreCase);

    private readonly object _gate = new();
    private readonly List<OpenedLock> _opened = new();

    public TableScoreboard(int table) => Table = table;

    public int Table { get; }

    public bool Record(OpenedLock result)
    {
        lock (_gate)
        {
            _opened.Add(result);
        }

        lock (s_recordsGate)
        {
            if (s_modelRecords.TryGetValue(result.LockModel, out var existing) && existing.Time <= result.Time)
                return false;

            s_modelRecords[result.LockModel] = result;
            return true;
        }
    }

    public IReadOnlyList<OpenedLock> Fastest(int count)
    {
        lock (_gate)
        {
            return _opened.OrderBy(o => o.Time).Take(count).ToList();
        }
    }

    public static IReadOnlyDictionary<string, OpenedLock> ModelRecords()
    {
        lock (s_recordsGate)
        {
            return new Dictionary<string, OpenedLock>(s_modelRecords, StringComparer.OrdinalIgnoreCase);
        }
    }

    public static void ResetRecords()
    {
        lock (s_recordsGate)
        {
            s_modelRecords.Clear();
        }
    }
}

/// <summary>Simulates a round where every table posts results at once.</summary>
public static class MeetRound
{
    public static async Task<int> RunAsync(IReadOnlyList<TableScoreboard> tables, IReadOnlyList<OpenedLock> results)
    {
        var newRecords = 0;
        await Task.WhenAll(tables.Select(table => Task.Run(() =>
        {
            foreach (var result in results)
            {
                if (table.Record(result))
                    Interlocked.Increment(ref newRecords);
            }
        })));
        return newRecords;
    }
}
