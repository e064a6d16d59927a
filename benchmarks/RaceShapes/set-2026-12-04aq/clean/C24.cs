namespace Blind43.MapLibrary.Search;

public sealed record MapSheet(string ShelfMark, string Title, int Year, string Publisher, string[] Places);

/// <summary>Immutable inverted index over map titles and place names.</summary>
public sealed class MapIndex
{
    private readonly Dictionary<string, MapSheet[]> _postings;

    private MapIndex(Dictionary<string, MapSheet[]> postings, int sheetCount)
    {
        _postings = postings;
        SheetCount = sheetCount;
    }

    public int SheetCount { get; }

    public static MapIndex Empty { get; } = new(new Dictionary<string, MapSheet[]>(), 0);

    public static MapIndex Build(IReadOnlyCollection<MapSheet> sheets)
    {
        var building = new Dictionary<string, List<MapSheet>>(StringComparer.OrdinalIgnoreCase);
        foreach (var sheet in sheets)
        {
            foreach (var term in Terms(sheet))
            {
                if (!building.TryGetValue(term, out var list))
                {
                    building[term] = list = new List<MapSheet>();
                }

                list.Add(sheet);
            }
        }

        var frozen = building.ToDictionary(kv => kv.Key, kv => kv.Value.Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);
        return new MapIndex(frozen, sheets.Count);
    }

    public IEnumerable<MapSheet> Find(string term) =>
        _postings.TryGetValue(term, out var hits) ? hits : Enumerable.Empty<MapSheet>();

    private static IEnumerable<string> Terms(MapSheet sheet) =>
        sheet.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(sheet.Places)
            .Where(t => t.Length > 2);
}

/// <summary>
/// Search service for the map library's reading-room catalogue. Queries come in from every
/// terminal concurrently; a nightly job rebuilds the index from the catalogue export.
/// </summary>
public sealed class MapSearchService
{
    private MapIndex _index = MapIndex.Empty;
    private long _queries;

    public void Rebuild(IReadOnlyCollection<MapSheet> catalogue)
    {
        var fresh = MapIndex.Build(catalogue);
        Interlocked.Exchange(ref _index, fresh);
    }

    public IReadOnlyList<MapSheet> Search(string query, int? fromYear = null, int? toYear = null)
    {
        Interlocked.Increment(ref _queries);
        var index = Volatile.Read(ref _index);

        var terms = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        IEnumerable<MapSheet>? hits = null;
        foreach (var term in terms)
        {
            var termHits = index.Find(term);
            hits = hits is null ? termHits : hits.Intersect(termHits);
        }

        return (hits ?? Enumerable.Empty<MapSheet>())
            .Where(s => (fromYear is null || s.Year >= fromYear) && (toYear is null || s.Year <= toYear))
            .OrderBy(s => s.Year)
            .ToList();
    }

    public (int Sheets, long Queries) Stats() => (Volatile.Read(ref _index).SheetCount, Interlocked.Read(ref _queries));
}
