using System.Text.Json;

namespace Blind54.PetShelter.Catalogue;

public sealed record BreedInfo(string Species, string Breed, string EnergyLevel, bool GoodWithChildren);

/// <summary>
/// Breed reference data used by the adoption matching service. The catalogue file is large,
/// so it is loaded on first use; the matching service is a singleton called by every
/// adoption enquiry.
/// </summary>
public sealed class BreedCatalogue
{
    private static readonly Lazy<BreedCatalogue> Shared = new(
        () => new BreedCatalogue("data/breeds.json"), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _path;
    private object? _indexLock;
    private Dictionary<string, BreedInfo>? _byBreed;

    private BreedCatalogue(string path) => _path = path;

    public static BreedCatalogue Instance => Shared.Value;

    public BreedInfo? Find(string breed)
    {
        var index = LazyInitializer.EnsureInitialized(ref _byBreed, ref _indexLock, BuildIndex);
        return index.TryGetValue(breed, out var info) ? info : null;
    }

    private Dictionary<string, BreedInfo> BuildIndex()
    {
        var list = File.Exists(_path)
            ? JsonSerializer.Deserialize<List<BreedInfo>>(File.ReadAllText(_path)) ?? new List<BreedInfo>()
            : new List<BreedInfo>();
        return list.ToDictionary(b => b.Breed, StringComparer.OrdinalIgnoreCase);
    }
}

public sealed record AdoptionEnquiry(string Household, bool HasChildren, string ActivityLevel, IReadOnlyList<string> CandidateBreeds);

/// <summary>Scores candidate pets for an enquiry. Registered as a singleton.</summary>
public sealed class AdoptionMatcher
{
    private long _enquiries;

    public long EnquiriesScored => Interlocked.Read(ref _enquiries);

    public IReadOnlyList<(string Breed, int Score)> Score(AdoptionEnquiry enquiry)
    {
        Interlocked.Increment(ref _enquiries);
        var catalogue = BreedCatalogue.Instance;
        return enquiry.CandidateBreeds
            .Select(b => (Breed: b, Info: catalogue.Find(b)))
            .Where(x => x.Info is not null)
            .Select(x => (x.Breed, Score:
                (x.Info!.EnergyLevel == enquiry.ActivityLevel ? 2 : 0) +
                (!enquiry.HasChildren || x.Info.GoodWithChildren ? 1 : -3)))
            .OrderByDescending(x => x.Score)
            .ToList();
    }

    public Task<IReadOnlyList<(string Breed, int Score)>[]> ScoreAllAsync(IEnumerable<AdoptionEnquiry> enquiries) =>
        Task.WhenAll(enquiries.Select(e => Task.Run(() => Score(e))));
}
