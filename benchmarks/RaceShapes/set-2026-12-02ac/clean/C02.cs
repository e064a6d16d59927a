using System.Collections.Immutable;

namespace Blind29.Cartography.Styles;

public sealed record MapStyle(string Name, string LandColour, string WaterColour, double ContourInterval);

public sealed record TileRequest(int Zoom, int X, int Y, string StyleName);

/// <summary>
/// Registry of map styles used by the tile renderer. Styles are added by the
/// admin API while render workers are reading them.
/// </summary>
public sealed class StyleRegistry
{
    private ImmutableDictionary<string, MapStyle> _styles =
        ImmutableDictionary.Create<string, MapStyle>(StringComparer.OrdinalIgnoreCase);

    public void Register(MapStyle style)
    {
        while (true)
        {
            var current = Volatile.Read(ref _styles);
            var next = current.SetItem(style.Name, style);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _styles, next, current), current))
            {
                return;
            }
        }
    }

    public bool Remove(string name)
    {
        while (true)
        {
            var current = Volatile.Read(ref _styles);
            if (!current.ContainsKey(name))
            {
                return false;
            }

            var next = current.Remove(name);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _styles, next, current), current))
            {
                return true;
            }
        }
    }

    public MapStyle? Find(string name) =>
        Volatile.Read(ref _styles).TryGetValue(name, out var style) ? style : null;

    public IReadOnlyCollection<string> Names => Volatile.Read(ref _styles).Keys.ToList();
}

public sealed class TileRenderer
{
    private readonly StyleRegistry _registry;

    public TileRenderer(StyleRegistry registry) => _registry = registry;

    public async Task<IReadOnlyList<string>> RenderAsync(IEnumerable<TileRequest> requests)
    {
        var tasks = requests.Select(r => Task.Run(() => RenderOne(r)));
        return await Task.WhenAll(tasks);
    }

    private string RenderOne(TileRequest r)
    {
        var style = _registry.Find(r.StyleName) ?? new MapStyle("default", "#f2efe9", "#aad3df", 10);
        return $"{r.Zoom}/{r.X}/{r.Y} land={style.LandColour} water={style.WaterColour} contours={style.ContourInterval}m";
    }
}
