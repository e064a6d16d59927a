namespace Blind57.Planetarium.Sky;

public sealed record Star(string Name, double RightAscension, double Declination, double Magnitude);

/// <summary>Immutable star catalogue loaded once from the dome projector's data files.</summary>
public sealed class StarCatalogue
{
    private StarCatalogue(IReadOnlyList<Star> stars)
    {
        Stars = stars;
        Brightest = stars.OrderBy(s => s.Magnitude).Take(50).ToArray();
    }

    public IReadOnlyList<Star> Stars { get; }
    public IReadOnlyList<Star> Brightest { get; }

    public static StarCatalogue Load(string path)
    {
        var stars = File.ReadLines(path)
            .Skip(1)
            .Select(l => l.Split(','))
            .Select(p => new Star(p[0], double.Parse(p[1]), double.Parse(p[2]), double.Parse(p[3])))
            .ToArray();
        return new StarCatalogue(stars);
    }
}

public sealed class ConstellationArt
{
    public ConstellationArt(IReadOnlyDictionary<string, string> svgByConstellation) => SvgByConstellation = svgByConstellation;
    public IReadOnlyDictionary<string, string> SvgByConstellation { get; }
}

/// <summary>
/// Gives the show-control software and the gift-shop kiosk access to sky data. Registered as a
/// singleton; the catalogue and artwork are loaded on first use.
/// </summary>
public sealed class SkyDataService
{
    private readonly object _gate = new();
    private readonly string _catalogPath;
    private readonly Lazy<ConstellationArt> _art;
    private StarCatalogue? _catalogue;
    private Dictionary<string, Star>? _byName;

    public SkyDataService(string catalogPath, string artDirectory)
    {
        _catalogPath = catalogPath;
        _art = new Lazy<ConstellationArt>(
            () => new ConstellationArt(Directory.EnumerateFiles(artDirectory, "*.svg")
                .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => File.ReadAllText(f))),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public StarCatalogue Catalogue
    {
        get
        {
            var catalogue = Volatile.Read(ref _catalogue);
            if (catalogue is not null) return catalogue;

            lock (_gate)
            {
                catalogue = _catalogue;
                if (catalogue is null)
                {
                    catalogue = StarCatalogue.Load(_catalogPath);
                    Volatile.Write(ref _catalogue, catalogue);
                }
                return catalogue;
            }
        }
    }

    public ConstellationArt Art => _art.Value;

    public Star? FindStar(string name)
    {
        var index = LazyInitializer.EnsureInitialized(ref _byName, () =>
            Catalogue.Stars.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));
        return index.TryGetValue(name, out var star) ? star : null;
    }
}
