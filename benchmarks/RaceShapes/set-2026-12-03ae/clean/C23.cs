namespace Blind31.CathedralStonemasons.Catalogue;

public sealed record StoneType(string Quarry, string Name, double DensityKgM3, double CompressiveMPa, bool FrostResistant);

/// <summary>
/// Catalogue of building stones used for repairs to the cathedral fabric. Loaded once on
/// first use and then shared by the estimating tool, the banker masons' tablets and the
/// procurement service.
/// </summary>
public sealed class StoneCatalogue
{
    private static readonly Lazy<StoneCatalogue> s_instance =
        new(() => new StoneCatalogue(LoadDefaults()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, StoneType> _byName;

    private StoneCatalogue(IEnumerable<StoneType> stones)
    {
        _byName = stones.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
    }

    public static StoneCatalogue Instance => s_instance.Value;

    public StoneType? Find(string name) => _byName.TryGetValue(name, out var stone) ? stone : null;

    public IEnumerable<StoneType> FrostResistant() => _byName.Values.Where(s => s.FrostResistant);

    private static IEnumerable<StoneType> LoadDefaults()
    {
        yield return new StoneType("Clipsham", "Clipsham limestone", 2300, 45, true);
        yield return new StoneType("Portland", "Portland Whitbed", 2250, 40, true);
        yield return new StoneType("Caen", "Caen stone", 1900, 18, false);
        yield return new StoneType("Doulting", "Doulting stone", 2200, 30, true);
        yield return new StoneType("Bath", "Bath stone", 2100, 22, false);
    }
}

/// <summary>Estimates block weights and suitability for replacement voussoirs and copings.</summary>
public sealed class BlockEstimator
{
    private StoneType[]? _exposedCandidates;

    public double WeightKg(string stoneName, double widthM, double heightM, double depthM)
    {
        var stone = StoneCatalogue.Instance.Find(stoneName)
            ?? throw new ArgumentException($"Unknown stone '{stoneName}'");
        return stone.DensityKgM3 * widthM * heightM * depthM;
    }

    /// <summary>Stones suitable for exposed parapets; computed once per estimator.</summary>
    public IReadOnlyList<StoneType> ExposedCandidates()
    {
        return LazyInitializer.EnsureInitialized(ref _exposedCandidates, () =>
            StoneCatalogue.Instance.FrostResistant()
                .Where(s => s.CompressiveMPa >= 30)
                .OrderByDescending(s => s.CompressiveMPa)
                .ToArray());
    }

    public Task<double[]> WeighAllAsync(IEnumerable<(string Stone, double W, double H, double D)> blocks)
    {
        return Task.WhenAll(blocks.Select(b => Task.Run(() => WeightKg(b.Stone, b.W, b.H, b.D))));
    }
}
