namespace DryStoneWalling.Estimates;

public sealed record WallSection(string Id, double LengthMetres, double HeightMetres, double BaseWidthMetres, double TopWidthMetres, string StoneType);

public sealed record StoneEstimate(double TonnesTotal, IReadOnlyDictionary<string, double> TonnesByStone, int SectionsOverHeight);

/// <summary>
/// Estimates stone tonnage for a dry-stone walling job from the surveyor's list
/// of wall sections. Runs as a PLINQ query; each partition aggregates into its
/// own accumulator before the partial results are combined.
/// </summary>
public static class StoneTonnageEstimator
{
    private static readonly IReadOnlyDictionary<string, double> Density = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["limestone"] = 2.3,
        ["gritstone"] = 2.4,
        ["slate"] = 2.7,
        ["granite"] = 2.6,
    };

    private const double VoidRatio = 0.75;
    private const double MaxHeightWithoutEngineer = 1.8;

    private sealed class Partial
    {
        public double Total;
        public int OverHeight;
        public readonly Dictionary<string, double> ByStone = new(StringComparer.OrdinalIgnoreCase);
    }

    public static StoneEstimate Estimate(IEnumerable<WallSection> sections)
    {
        return sections
            .AsParallel()
            .Where(s => s.LengthMetres > 0 && s.HeightMetres > 0)
            .Aggregate(
                () => new Partial(),
                (partial, section) =>
                {
                    double tonnes = TonnesFor(section);
                    partial.Total += tonnes;
                    partial.ByStone[section.StoneType] = partial.ByStone.GetValueOrDefault(section.StoneType) + tonnes;
                    if (section.HeightMetres > MaxHeightWithoutEngineer)
                    {
                        partial.OverHeight++;
                    }
                    return partial;
                },
                (left, right) =>
                {
                    left.Total += right.Total;
                    left.OverHeight += right.OverHeight;
                    foreach (var (stone, tonnes) in right.ByStone)
                    {
                        left.ByStone[stone] = left.ByStone.GetValueOrDefault(stone) + tonnes;
                    }
                    return left;
                },
                final => new StoneEstimate(final.Total, final.ByStone, final.OverHeight));
    }

    private static double TonnesFor(WallSection s)
    {
        double crossSection = (s.BaseWidthMetres + s.TopWidthMetres) / 2 * s.HeightMetres;
        double density = Density.TryGetValue(s.StoneType, out var d) ? d : 2.5;
        return crossSection * s.LengthMetres * density * VoidRatio;
    }

    public static IReadOnlyList<string> SteepestSections(IEnumerable<WallSection> sections, int count) =>
        sections
            .AsParallel()
            .OrderByDescending(s => s.HeightMetres / Math.Max(0.1, s.BaseWidthMetres))
            .Take(count)
            .Select(s => s.Id)
            .ToList();
}
