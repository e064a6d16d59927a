using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace Blind16.SeedBank.Germination;

/// <summary>
/// Aggregated germination test results for one accession.
/// </summary>
public sealed record GerminationStats(string AccessionNumber, int TestsRun, int SeedsSown, int SeedsGerminated, DateOnly LastTested)
{
    public double Rate => SeedsSown == 0 ? 0 : (double)SeedsGerminated / SeedsSown;
}

/// <summary>
/// Running germination statistics per accession. Registered as a singleton; lab
/// technicians submit results from several benches at once and the viability
/// dashboard reads the figures.
/// </summary>
public sealed class GerminationLedger
{
    private readonly ConcurrentDictionary<string, GerminationStats> _stats =
        new(StringComparer.OrdinalIgnoreCase);

    public GerminationStats Record(string accessionNumber, int sown, int germinated, DateOnly testedOn)
    {
        if (sown <= 0 || germinated < 0 || germinated > sown)
        {
            throw new ArgumentException("Germinated count must be between zero and the number sown.");
        }

        return _stats.AddOrUpdate(
            accessionNumber,
            key => new GerminationStats(key, 1, sown, germinated, testedOn),
            (_, existing) => existing with
            {
                TestsRun = existing.TestsRun + 1,
                SeedsSown = existing.SeedsSown + sown,
                SeedsGerminated = existing.SeedsGerminated + germinated,
                LastTested = testedOn > existing.LastTested ? testedOn : existing.LastTested,
            });
    }

    public GerminationStats? Get(string accessionNumber) =>
        _stats.TryGetValue(accessionNumber, out var stats) ? stats : null;

    /// <summary>
    /// Accessions whose viability has dropped below the regeneration threshold.
    /// </summary>
    public IReadOnlyList<GerminationStats> NeedingRegeneration(double threshold = 0.85)
    {
        return _stats.Values
            .Where(s => s.TestsRun >= 2 && s.Rate < threshold)
            .OrderBy(s => s.Rate)
            .ToList();
    }

    public bool Forget(string accessionNumber) => _stats.TryRemove(accessionNumber, out _);

    public int Count => _stats.Count;
}
