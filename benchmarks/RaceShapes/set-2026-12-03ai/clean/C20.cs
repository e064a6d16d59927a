namespace Blind35.TeaBlending.Profiles;

public sealed record LeafLot(string Code, string Origin, double Astringency, double Malt, double Floral, double PricePerKg);

public sealed record BlendCandidate(IReadOnlyList<(LeafLot Lot, double Share)> Parts)
{
    public double Cost => Parts.Sum(p => p.Lot.PricePerKg * p.Share);
}

/// <summary>
/// Searches two- and three-lot combinations for the blend closest to a target flavour profile.
/// The lots are immutable; each candidate is scored independently.
/// </summary>
public sealed class BlendSearch
{
    private readonly IReadOnlyList<LeafLot> _lots;

    public BlendSearch(IReadOnlyList<LeafLot> lots) => _lots = lots;

    public BlendCandidate? Best(double astringency, double malt, double floral, double maxCostPerKg)
    {
        var shares = new[] { 0.2, 0.3, 0.4, 0.5, 0.6 };

        var pairs =
            from i in Enumerable.Range(0, _lots.Count)
            from j in Enumerable.Range(i + 1, _lots.Count - i - 1)
            from s in shares
            select new BlendCandidate(new[] { (_lots[i], s), (_lots[j], 1 - s) });

        return pairs
            .AsParallel()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .Where(c => c.Cost <= maxCostPerKg)
            .Select(c => (Candidate: c, Distance: Distance(c, astringency, malt, floral)))
            .Aggregate(
                seed: ((BlendCandidate?)null, double.MaxValue),
                func: (best, next) => next.Distance < best.Item2 ? (next.Candidate, next.Distance) : best,
                resultSelector: best => best)
            .Item1;
    }

    public IReadOnlyDictionary<string, double> AverageProfileByOrigin() =>
        _lots
            .AsParallel()
            .GroupBy(l => l.Origin)
            .ToDictionary(g => g.Key, g => g.Average(l => l.Astringency + l.Malt + l.Floral));

    private static double Distance(BlendCandidate c, double astringency, double malt, double floral)
    {
        var a = c.Parts.Sum(p => p.Lot.Astringency * p.Share) - astringency;
        var m = c.Parts.Sum(p => p.Lot.Malt * p.Share) - malt;
        var f = c.Parts.Sum(p => p.Lot.Floral * p.Share) - floral;
        return Math.Sqrt(a * a + m * m + f * f);
    }
}
