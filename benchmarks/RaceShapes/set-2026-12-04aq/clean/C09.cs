namespace Blind43.SeedBank.Taxonomy;

public sealed record SpeciesInfo(string Code, string ScientificName, string Family, int StorageTemperatureC);

public interface ITaxonomyFile
{
    IEnumerable<SpeciesInfo> ReadAll();
}

/// <summary>
/// Species reference data for the seed bank's accession screens. The file is large and rarely
/// changes, so it is loaded on first use and then shared by every request.
/// </summary>
public sealed class SpeciesCatalogue
{
    private readonly Lazy<IReadOnlyDictionary<string, SpeciesInfo>> _byCode;
    private readonly Lazy<ILookup<string, SpeciesInfo>> _byFamily;

    public SpeciesCatalogue(ITaxonomyFile file)
    {
        _byCode = new Lazy<IReadOnlyDictionary<string, SpeciesInfo>>(
            () => file.ReadAll().ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase),
            LazyThreadSafetyMode.ExecutionAndPublication);

        _byFamily = new Lazy<ILookup<string, SpeciesInfo>>(
            () => _byCode.Value.Values.ToLookup(s => s.Family, StringComparer.OrdinalIgnoreCase),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool IsLoaded => _byCode.IsValueCreated;

    public SpeciesInfo? Find(string code) =>
        _byCode.Value.TryGetValue(code, out var info) ? info : null;

    public IReadOnlyList<SpeciesInfo> InFamily(string family) =>
        _byFamily.Value[family].OrderBy(s => s.ScientificName, StringComparer.Ordinal).ToList();

    public int ColdestStorageFor(IEnumerable<string> codes) =>
        codes.Select(Find).Where(s => s is not null).Select(s => s!.StorageTemperatureC).DefaultIfEmpty(-18).Min();
}

/// <summary>Checks an incoming donation against the catalogue in parallel.</summary>
public sealed class DonationValidator
{
    private readonly SpeciesCatalogue _catalogue;

    public DonationValidator(SpeciesCatalogue catalogue) => _catalogue = catalogue;

    public async Task<IReadOnlyList<string>> UnknownCodesAsync(IReadOnlyList<string> codes)
    {
        var checks = codes.Select(code => Task.Run(() => _catalogue.Find(code) is null ? code : null));
        var results = await Task.WhenAll(checks).ConfigureAwait(false);
        return results.Where(c => c is not null).Select(c => c!).ToList();
    }
}
