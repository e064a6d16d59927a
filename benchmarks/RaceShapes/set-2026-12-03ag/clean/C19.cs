namespace AntiqueMaps.Catalogue;

public sealed record MapListing(string Sku, string Title, string Cartographer, int Year, decimal Price);

public interface IListingSource
{
    IReadOnlyList<MapListing> LoadAll();
    IReadOnlyDictionary<string, string> LoadCartographerBiographies();
}

/// <summary>
/// Search index over the dealer's map stock, built on first use. The shop
/// front, the auction bridge and the valuation tool all share one instance.
/// </summary>
public sealed class MapSearchIndex
{
    private readonly IListingSource _source;

    private Dictionary<string, List<MapListing>>? _byCartographer;
    private bool _byCartographerBuilt;
    private object? _byCartographerLock;

    private readonly Lazy<IReadOnlyDictionary<string, string>> _biographies;

    public MapSearchIndex(IListingSource source)
    {
        _source = source;
        _biographies = new Lazy<IReadOnlyDictionary<string, string>>(
            source.LoadCartographerBiographies,
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private Dictionary<string, List<MapListing>> ByCartographer =>
        LazyInitializer.EnsureInitialized(ref _byCartographer, ref _byCartographerBuilt, ref _byCartographerLock, BuildIndex)!;

    private Dictionary<string, List<MapListing>> BuildIndex()
    {
        var index = new Dictionary<string, List<MapListing>>(StringComparer.OrdinalIgnoreCase);
        foreach (var listing in _source.LoadAll())
        {
            if (!index.TryGetValue(listing.Cartographer, out var list))
            {
                list = new List<MapListing>();
                index[listing.Cartographer] = list;
            }
            list.Add(listing);
        }

        foreach (var list in index.Values)
        {
            list.Sort((a, b) => a.Year.CompareTo(b.Year));
        }

        return index;
    }

    /// <summary>The index is read-only once built.</summary>
    public IReadOnlyList<MapListing> ByMaker(string cartographer) =>
        ByCartographer.TryGetValue(cartographer, out var list) ? list : Array.Empty<MapListing>();

    public IReadOnlyList<MapListing> Between(int fromYear, int toYear) =>
        ByCartographer.Values
            .SelectMany(l => l)
            .Where(l => l.Year >= fromYear && l.Year <= toYear)
            .OrderBy(l => l.Year)
            .ToList();

    public string? Biography(string cartographer) =>
        _biographies.Value.TryGetValue(cartographer, out var bio) ? bio : null;
}
