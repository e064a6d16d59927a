using System.Collections.Frozen;

namespace Blind30.ToyMuseum;

public sealed record Exhibit(string AccessionNumber, string Name, string Maker, int Year, string Gallery);

/// <summary>
/// Read-only catalogue of the toy museum's permanent collection, loaded once from the
/// bundled CSV and shared by the audio-guide API, the gallery screens and the shop.
/// </summary>
public sealed class CollectionCatalogue
{
    private static readonly Lazy<CollectionCatalogue> s_instance =
        new(() => Load(Path.Combine(AppContext.BaseDirectory, "collection.csv")),
            LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, Exhibit> _byAccession;
    private readonly ILookup<string, Exhibit> _byGallery;

    private CollectionCatalogue(IEnumerable<Exhibit> exhibits)
    {
        var list = exhibits.ToList();
        _byAccession = list.ToFrozenDictionary(e => e.AccessionNumber, StringComparer.OrdinalIgnoreCase);
        _byGallery = list.ToLookup(e => e.Gallery, StringComparer.OrdinalIgnoreCase);
    }

    public static CollectionCatalogue Instance => s_instance.Value;

    public int Count => _byAccession.Count;

    public Exhibit? Find(string accessionNumber) =>
        _byAccession.TryGetValue(accessionNumber, out var exhibit) ? exhibit : null;

    public IEnumerable<Exhibit> InGallery(string gallery) => _byGallery[gallery].OrderBy(e => e.Year);

    private static CollectionCatalogue Load(string path)
    {
        if (!File.Exists(path))
        {
            return new CollectionCatalogue(Array.Empty<Exhibit>());
        }

        var exhibits = File.ReadLines(path)
            .Skip(1)
            .Select(line => line.Split(';'))
            .Where(p => p.Length == 5 && int.TryParse(p[3], out _))
            .Select(p => new Exhibit(p[0], p[1], p[2], int.Parse(p[3]), p[4]));

        return new CollectionCatalogue(exhibits);
    }
}

/// <summary>Answers audio-guide requests from visitors' phones.</summary>
public sealed class AudioGuideEndpoint
{
    public Task<string> DescribeAsync(string accessionNumber) => Task.Run(() =>
    {
        var exhibit = CollectionCatalogue.Instance.Find(accessionNumber);
        return exhibit is null
            ? "This object is not in the permanent collection."
            : $"{exhibit.Name}, made by {exhibit.Maker} in {exhibit.Year}. Gallery: {exhibit.Gallery}.";
    });

    public async Task<IReadOnlyList<string>> TourAsync(IEnumerable<string> stops)
    {
        var descriptions = await Task.WhenAll(stops.Select(DescribeAsync)).ConfigureAwait(false);
        return descriptions;
    }
}
