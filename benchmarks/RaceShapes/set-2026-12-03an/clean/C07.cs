using System.Collections.Concurrent;

namespace Blind40.MushroomForagers.Permits;

public sealed record PermitLog(string PermitId, string Woodland, double Kilograms, IReadOnlyList<string> Species);

public sealed record WoodlandPressure(string Woodland, long Grams, int Permits);

/// <summary>
/// Nightly job that estimates how much each permitted woodland was picked,
/// so the ranger service can rest over-foraged areas.
/// </summary>
public sealed class WoodlandPressureReport
{
    public IReadOnlyList<WoodlandPressure> Build(IReadOnlyList<PermitLog> logs, CancellationToken ct)
    {
        long totalGrams = 0;
        var perWoodland = new ConcurrentDictionary<string, (long Grams, int Permits)>(StringComparer.OrdinalIgnoreCase);

        Parallel.ForEach(
            logs,
            new ParallelOptions { CancellationToken = ct },
            () => 0L,
            (log, _, subtotal) =>
            {
                long grams = (long)Math.Round(log.Kilograms * 1000);
                perWoodland.AddOrUpdate(
                    log.Woodland,
                    (grams, 1),
                    (_, existing) => (existing.Grams + grams, existing.Permits + 1));
                return subtotal + grams;
            },
            subtotal => Interlocked.Add(ref totalGrams, subtotal));

        if (totalGrams == 0)
        {
            return Array.Empty<WoodlandPressure>();
        }

        return perWoodland
            .Select(p => new WoodlandPressure(p.Key, p.Value.Grams, p.Value.Permits))
            .OrderByDescending(w => w.Grams)
            .ToList();
    }
}

public static class PressureCli
{
    public static int Run(IReadOnlyList<PermitLog> logs, TextWriter output)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var report = new WoodlandPressureReport().Build(logs, cts.Token);
        foreach (var w in report)
        {
            output.WriteLine($"{w.Woodland,-24} {w.Grams / 1000.0,8:F1} kg {w.Permits,5} permits");
        }
        return report.Count == 0 ? 1 : 0;
    }
}
