namespace Blind44.TextileLooms.Patterns;

public sealed record WeftRow(int RowNumber, string Pattern, byte[] ThreadColours);

public sealed record YarnUsage(byte Colour, long Picks);

/// <summary>
/// Estimates yarn consumption for a jacquard design before it is sent to the looms. Called from
/// the design studio's export command; the design can have hundreds of thousands of rows.
/// </summary>
public sealed class YarnEstimator
{
    private readonly double _metresPerPick;

    public YarnEstimator(double metresPerPick) => _metresPerPick = metresPerPick;

    public IReadOnlyList<YarnUsage> CountPicks(IEnumerable<WeftRow> rows)
    {
        var totals = new Dictionary<byte, long>();
        var totalsLock = new object();

        Parallel.ForEach(
            rows,
            () => new Dictionary<byte, long>(),
            (row, _, local) =>
            {
                foreach (var colour in row.ThreadColours)
                {
                    local.TryGetValue(colour, out var n);
                    local[colour] = n + 1;
                }
                return local;
            },
            local =>
            {
                lock (totalsLock)
                {
                    foreach (var (colour, picks) in local)
                    {
                        totals.TryGetValue(colour, out var n);
                        totals[colour] = n + picks;
                    }
                }
            });

        return totals.OrderBy(kv => kv.Key).Select(kv => new YarnUsage(kv.Key, kv.Value)).ToList();
    }

    public IReadOnlyDictionary<byte, double> MetresByColour(IEnumerable<WeftRow> rows) =>
        CountPicks(rows).ToDictionary(u => u.Colour, u => u.Picks * _metresPerPick);

    /// <summary>Rows whose pattern would make the loom lift more than the allowed number of hooks.</summary>
    public IReadOnlyList<int> OverloadedRows(IReadOnlyList<WeftRow> rows, int maxLifted)
    {
        var flags = new bool[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            int lifted = 0;
            foreach (var c in rows[i].Pattern)
                if (c == 'X') lifted++;
            flags[i] = lifted > maxLifted;
        });

        var result = new List<int>();
        for (int i = 0; i < flags.Length; i++)
            if (flags[i]) result.Add(rows[i].RowNumber);
        return result;
    }
}

/// <summary>Export command handler in the design studio.</summary>
public sealed class DesignExporter
{
    private readonly YarnEstimator _estimator;

    public DesignExporter(YarnEstimator estimator) => _estimator = estimator;

    public async Task<string> ExportAsync(IReadOnlyList<WeftRow> rows)
    {
        var usage = await Task.Run(() => _estimator.MetresByColour(rows));
        var overloaded = await Task.Run(() => _estimator.OverloadedRows(rows, 1200));
        return $"{usage.Count} colours, {usage.Values.Sum():F0} m of weft, {overloaded.Count} overloaded rows";
    }
}
