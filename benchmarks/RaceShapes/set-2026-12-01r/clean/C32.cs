namespace DentalLab.Materials;

public sealed class ShadeGuide
{
    public ShadeGuide(IReadOnlyDictionary<string, (byte L, sbyte A, sbyte B)> shades, string edition)
    {
        Shades = shades;
        Edition = edition;
    }

    public IReadOnlyDictionary<string, (byte L, sbyte A, sbyte B)> Shades { get; }
    public string Edition { get; }
}

public interface IShadeGuideLoader
{
    ShadeGuide Load();
}

/// <summary>
/// Matches measured tooth colour to the nearest shade tab (A1, B2, ...). Shared by
/// every design workstation request; the shade guide is loaded on first use.
/// </summary>
public sealed class ShadeMatcher
{
    private readonly object _loadLock = new();
    private readonly IShadeGuideLoader _loader;
    private volatile ShadeGuide? _guide;

    public ShadeMatcher(IShadeGuideLoader loader) => _loader = loader;

    private ShadeGuide Guide
    {
        get
        {
            var guide = _guide;
            if (guide is not null)
            {
                return guide;
            }

            lock (_loadLock)
            {
                guide = _guide;
                if (guide is null)
                {
                    guide = _loader.Load();
                    _guide = guide;
                }
                return guide;
            }
        }
    }

    public string Nearest(double l, double a, double b)
    {
        var best = string.Empty;
        var bestDistance = double.MaxValue;
        foreach (var (tab, lab) in Guide.Shades)
        {
            var dl = lab.L - l;
            var da = lab.A - a;
            var db = lab.B - b;
            var distance = dl * dl + da * da + db * db;
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = tab;
            }
        }
        return best;
    }

    public string Edition => Guide.Edition;
}

public sealed class DesignStationEndpoint
{
    private readonly ShadeMatcher _matcher;

    public DesignStationEndpoint(ShadeMatcher matcher) => _matcher = matcher;

    public Task<string[]> MatchAllAsync(IEnumerable<(double L, double A, double B)> samples) =>
        Task.WhenAll(samples.Select(s => Task.Run(() => _matcher.Nearest(s.L, s.A, s.B))));
}
