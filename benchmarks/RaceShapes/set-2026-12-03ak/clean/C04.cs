namespace Blind37.SandSculpture.Gallery;

public sealed record Sculpture(int Id, string Artist, string Title, string[] Tags);

public interface ISculptureCatalogue
{
    IReadOnlyList<Sculpture> LoadAll();
}

/// <summary>
/// Tag lookup over this year's sculptures for the visitor gallery app. Built on first use
/// and rebuilt after the organisers edit the catalogue. One instance serves every visitor.
/// </summary>
public sealed class SculptureTagIndex
{
    private readonly ISculptureCatalogue _catalogue;
    private Lazy<IReadOnlyDictionary<string, int[]>> _index;

    public SculptureTagIndex(ISculptureCatalogue catalogue)
    {
        _catalogue = catalogue;
        _index = CreateLazy();
    }

    public IReadOnlyList<int> WithTag(string tag)
    {
        var index = Volatile.Read(ref _index).Value;
        return index.TryGetValue(tag.ToLowerInvariant(), out var ids) ? ids : Array.Empty<int>();
    }

    public IReadOnlyList<int> WithAllTags(IEnumerable<string> tags)
    {
        // Use one index for the whole query even if a rebuild is requested part way through.
        var index = Volatile.Read(ref _index).Value;
        IEnumerable<int>? result = null;
        foreach (var tag in tags)
        {
            var ids = index.TryGetValue(tag.ToLowerInvariant(), out var found) ? found : Array.Empty<int>();
            result = result is null ? ids : result.Intersect(ids);
        }
        return result?.ToArray() ?? Array.Empty<int>();
    }

    /// <summary>Called by the catalogue admin page after an edit.</summary>
    public void Invalidate() => Interlocked.Exchange(ref _index, CreateLazy());

    private Lazy<IReadOnlyDictionary<string, int[]>> CreateLazy() =>
        new(BuildIndex, LazyThreadSafetyMode.ExecutionAndPublication);

    private IReadOnlyDictionary<string, int[]> BuildIndex()
    {
        var building = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var sculpture in _catalogue.LoadAll())
        {
            foreach (var tag in sculpture.Tags)
            {
                var key = tag.ToLowerInvariant();
                if (!building.TryGetValue(key, out var ids))
                {
                    ids = new List<int>();
                    building.Add(key, ids);
                }
                ids.Add(sculpture.Id);
            }
        }

        return building.ToDictionary(p => p.Key, p => p.Value.Distinct().ToArray(), StringComparer.Ordinal);
    }
}

/// <summary>Serves the gallery search box.</summary>
public sealed class GallerySearch
{
    private readonly SculptureTagIndex _index;
    private readonly ISculptureCatalogue _catalogue;

    public GallerySearch(SculptureTagIndex index, ISculptureCatalogue catalogue)
    {
        _index = index;
        _catalogue = catalogue;
    }

    public IReadOnlyList<Sculpture> Search(string query)
    {
        var tags = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ids = _index.WithAllTags(tags).ToHashSet();
        return _catalogue.LoadAll().Where(s => ids.Contains(s.Id)).ToArray();
    }
}
