namespace Blind51.CiderPresses.Season;

public sealed record PressBatch(string BatchId, string Orchard, double ApplesKg, double YieldRatio);

public sealed record SeasonSummary(int Batches, double Litres, IReadOnlyDictionary<string, double> LitresByOrchard);

/// <summary>
/// Totals a whole pressing season's batch records for the end-of-season report. Batches are
/// processed in parallel; each worker keeps its own running totals which are folded into
/// the season totals when the worker finishes.
/// </summary>
public sealed class SeasonTotaliser
{
    private readonly object _orchardLock = new();
    private readonly Dictionary<string, double> _litresByOrchard = new(StringComparer.OrdinalIgnoreCase);
    private int _batches;
    private double _litres;

    public SeasonSummary Totalise(IEnumerable<PressBatch> batches)
    {
        Parallel.ForEach(
            batches,
            () => new WorkerTotals(),
            (batch, _, local) =>
            {
                var litres = batch.ApplesKg * batch.YieldRatio * 0.75;
                local.Batches++;
                local.Litres += litres;
                local.ByOrchard[batch.Orchard] = local.ByOrchard.GetValueOrDefault(batch.Orchard) + litres;
                return local;
            },
            local =>
            {
                Interlocked.Add(ref _batches, local.Batches);
                _litres += local.Litres;

                lock (_orchardLock)
                {
                    foreach (var (orchard, litres) in local.ByOrchard)
                        _litresByOrchard[orchard] = _litresByOrchard.GetValueOrDefault(orchard) + litres;
                }
            });

        lock (_orchardLock)
        {
            return new SeasonSummary(
                Volatile.Read(ref _batches),
                _litres,
                new Dictionary<string, double>(_litresByOrchard, StringComparer.OrdinalIgnoreCase));
        }
    }

    private sealed class WorkerTotals
    {
        public int Batches;
        public double Litres;
        public Dictionary<string, double> ByOrchard { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>
/// Command-line entry point used by the cider house at the end of each season.
/// </summary>
public static class SeasonReportTool
{
    public static int Run(string csvPath, TextWriter output)
    {
        var batches = File.ReadLines(csvPath)
            .Skip(1)
            .Select(line => line.Split(','))
            .Where(cols => cols.Length >= 4)
            .Select(cols => new PressBatch(cols[0], cols[1], double.Parse(cols[2]), double.Parse(cols[3])));

        var summary = new SeasonTotaliser().Totalise(batches);
        output.WriteLine($"{summary.Batches} batches, {summary.Litres:F0} litres");
        foreach (var (orchard, litres) in summary.LitresByOrchard.OrderByDescending(kv => kv.Value))
            output.WriteLine($"  {orchard,-24}{litres,10:F0}");
        return 0;
    }
}
