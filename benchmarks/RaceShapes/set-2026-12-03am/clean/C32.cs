using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.SeedBank.Germination;

public sealed record TrayImage(string Chamber, string TrayId, int SeedsSown, string Path);

public sealed record GrowthChamber(string Name, IReadOnlyList<TrayImage> Trays);

public sealed record TrayScore(string Chamber, string TrayId, int Sown, int Sprouted)
{
    public double Rate => Sown == 0 ? 0 : (double)Sprouted / Sown;
}

public sealed record GerminationReport(IReadOnlyList<TrayScore> Trays, double OverallRate, IReadOnlyList<string> FailingTrays);

/// <summary>
/// Scores the germination trays photographed in the growth chambers. Each chamber is
/// scored by its own task; the per-chamber lists are merged once every chamber is done.
/// </summary>
public static class GerminationScoring
{
    public static async Task<GerminationReport> ScoreAsync(
        IReadOnlyList<GrowthChamber> chambers,
        Func<TrayImage, CancellationToken, Task<int>> countSprouts,
        double failBelowRate,
        CancellationToken ct)
    {
        var perChamber = chambers.Select(c => ScoreChamberAsync(c, countSprouts, ct)).ToArray();
        var results = await Task.WhenAll(perChamber);

        var all = new List<TrayScore>();
        foreach (var chamberScores in results)
            all.AddRange(chamberScores);

        int sown = all.Sum(t => t.Sown);
        int sprouted = all.Sum(t => t.Sprouted);
        var failing = all.Where(t => t.Rate < failBelowRate).Select(t => $"{t.Chamber}/{t.TrayId}").ToList();
        return new GerminationReport(all, sown == 0 ? 0 : (double)sprouted / sown, failing);
    }

    private static async Task<List<TrayScore>> ScoreChamberAsync(
        GrowthChamber chamber,
        Func<TrayImage, CancellationToken, Task<int>> countSprouts,
        CancellationToken ct)
    {
        await Task.Yield();
        var scores = new List<TrayScore>(chamber.Trays.Count);
        foreach (var tray in chamber.Trays)
        {
            var sprouted = await countSprouts(tray, ct).ConfigureAwait(false);
            scores.Add(new TrayScore(chamber.Name, tray.TrayId, tray.SeedsSown, Math.Min(sprouted, tray.SeedsSown)));
        }
        return scores;
    }
}
