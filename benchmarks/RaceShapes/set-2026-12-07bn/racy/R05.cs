namespace Blind66.SheepShearing.Tallies;

public sealed record ShearingRun(string Shed, int SheepShorn, double FleeceKg, TimeSpan Duration);

public readonly record struct ShedTotals(int Sheep, double FleeceKg, TimeSpan StandTime)
{
    public ShedTotals Add(ShearingRun run) =>
        new(Sheep + run.SheepShorn, FleeceKg + run.FleeceKg, StandTime + run.Duration);
}

public interface ITallyBookSource
{
    Task<IReadOnlyList<ShearingRun>> GetRunsAsync(string shearerId, DateOnly day, CancellationToken ct);
}

/// <summary>
/// Pulls each shearer's tally book for a day from the contractor's API and totals it per shed.
/// Used by the end-of-day payroll CLI.
/// </summary>
public sealed class ShedTallyImporter
{
    private readonly ITallyBookSource _source;
    private readonly int _maxParallelDownloads;

    public ShedTallyImporter(ITallyBookSource source, int maxParallelDownloads = 6)
    {
        _source = source;
        _maxParallelDownloads = maxParallelDownloads;
    }

    public async Task<IReadOnlyDictionary<string, ShedTotals>> ImportAsync(
        IEnumerable<string> shearerIds,
        DateOnly day,
        CancellationToken ct)
    {
        var totals = new Dictionary<string, ShedTotals>(StringComparer.OrdinalIgnoreCase);
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = _maxParallelDownloads,
            CancellationToken = ct,
        };

        await Parallel.ForEachAsync(shearerIds, options, async (shearerId, token) =>
        {
            var runs = await _source.GetRunsAsync(shearerId, day, token);
            foreach (var run in runs)
            {
                if (run.SheepShorn <= 0)
                {
                    continue;
                }

                totals[run.Shed] = totals.GetValueOrDefault(run.Shed).Add(run);
            }
        });

        return totals;
    }

    public static string Format(IReadOnlyDictionary<string, ShedTotals> totals)
    {
        var lines = totals
            .OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .Select(kv => $"{kv.Key,-12} {kv.Value.Sheep,6} {kv.Value.FleeceKg,9:F1} kg {kv.Value.StandTime:hh\\:mm}");
        return string.Join(Environment.NewLine, lines);
    }
}
