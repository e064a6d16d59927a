using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.ViolinMaking.Tonewood;

public sealed record DensityResult(string BilletId, double DensityKgM3, double SpeedOfSoundMs, string Grade);

public sealed record ScanProgress(int Completed, int Total, string LastBillet);

public interface IDensityScanner
{
    Task<(double Density, double SpeedOfSound)> MeasureAsync(string billetId, CancellationToken ct);
}

/// <summary>
/// Grades a delivery of spruce and maple billets by scanning their density and
/// sound speed. Several scanner heads work at once; progress goes to the
/// workshop screen.
/// </summary>
public sealed class TonewoodGrader
{
    private readonly IDensityScanner _scanner;
    private readonly int _heads;

    public TonewoodGrader(IDensityScanner scanner, int heads)
    {
        _scanner = scanner;
        _heads = heads;
    }

    public async Task<IReadOnlyList<DensityResult>> GradeAsync(IReadOnlyList<string> billetIds, IProgress<ScanProgress>? progress, CancellationToken ct)
    {
        var results = new ConcurrentBag<DensityResult>();
        int completed = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = _heads, CancellationToken = ct };

        await Parallel.ForEachAsync(billetIds, options, async (billetId, token) =>
        {
            var (density, speed) = await _scanner.MeasureAsync(billetId, token).ConfigureAwait(false);
            results.Add(new DensityResult(billetId, density, speed, Grade(density, speed)));

            int done = Interlocked.Increment(ref completed);
            progress?.Report(new ScanProgress(done, billetIds.Count, billetId));
        }).ConfigureAwait(false);

        return results.OrderBy(r => r.Grade).ThenBy(r => r.BilletId, StringComparer.Ordinal).ToList();
    }

    private static string Grade(double density, double speedOfSound)
    {
        double radiation = speedOfSound / Math.Max(density, 1);
        return radiation switch
        {
            > 13 => "Master",
            > 11 => "AAA",
            > 9 => "AA",
            _ => "Workshop",
        };
    }
}

/// <summary>
/// Console front end used by the workshop: prints progress as billets finish.
/// </summary>
public static class GradingConsole
{
    public static async Task<int> RunAsync(TonewoodGrader grader, string[] billets, CancellationToken ct)
    {
        var progress = new Progress<ScanProgress>(p =>
            Console.WriteLine($"[{p.Completed}/{p.Total}] {p.LastBillet}"));

        var results = await grader.GradeAsync(billets, progress, ct).ConfigureAwait(false);
        foreach (var group in results.GroupBy(r => r.Grade))
        {
            Console.WriteLine($"{group.Key}: {group.Count()} billets");
        }

        return results.Count(r => r.Grade == "Master");
    }
}
