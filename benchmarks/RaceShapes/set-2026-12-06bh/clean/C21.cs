namespace Blind60.Planetarium.Catalogue;

public sealed record Star(int HipNumber, string? ProperName, double RightAscensionHours, double DeclinationDegrees, double Magnitude);

/// <summary>
/// Star catalogue used by the dome projector's show scripts. The catalogue file is large,
/// so it is parsed on first use. Shared by every show running on the planetarium's servers.
/// </summary>
public sealed class StarCatalogue
{
    private readonly string _path;
    private IReadOnlyList<Star>? _stars;
    private bool _loaded;
    private object? _loadLock;

    public StarCatalogue(string path) => _path = path;

    public IReadOnlyList<Star> Stars =>
        LazyInitializer.EnsureInitialized(ref _stars, ref _loaded, ref _loadLock, Load)!;

    public IEnumerable<Star> BrighterThan(double magnitude) => Stars.Where(s => s.Magnitude <= magnitude);

    private IReadOnlyList<Star> Load()
    {
        var stars = new List<Star>();
        foreach (var line in File.ReadLines(_path))
        {
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var f = line.Split('|');
            stars.Add(new Star(
                int.Parse(f[0]),
                f[1].Length == 0 ? null : f[1],
                double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture)));
        }
        return stars.OrderBy(s => s.Magnitude).ToArray();
    }
}

/// <summary>
/// Constellation figures, built from the catalogue the first time a show asks for them.
/// </summary>
public sealed class ConstellationFigures
{
    private readonly Lazy<IReadOnlyDictionary<string, int[]>> _figures;

    public ConstellationFigures(StarCatalogue catalogue, IReadOnlyDictionary<string, int[]> figureDefinitions)
    {
        _figures = new Lazy<IReadOnlyDictionary<string, int[]>>(() =>
        {
            var known = catalogue.Stars.Select(s => s.HipNumber).ToHashSet();
            return figureDefinitions.ToDictionary(
                kv => kv.Key,
                kv => kv.Value.Where(known.Contains).ToArray());
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<int> Figure(string constellation) =>
        _figures.Value.TryGetValue(constellation, out var stars) ? stars : Array.Empty<int>();
}

public static class ShowRunner
{
    /// <summary>Several dome segments prepare their star fields at once when a show starts.</summary>
    public static int[] PrepareSegments(StarCatalogue catalogue, int segments, double limitingMagnitude)
    {
        return Enumerable.Range(0, segments)
            .AsParallel()
            .Select(seg => catalogue.BrighterThan(limitingMagnitude)
                .Count(s => (int)(s.RightAscensionHours / 24.0 * segments) == seg))
            .ToArray();
    }
}
