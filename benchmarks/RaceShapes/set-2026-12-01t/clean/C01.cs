using System.Collections.Concurrent;

namespace PetAdoption.Matching;

public sealed record AdopterProfile(string AdopterId, string Name, bool HasGarden, bool HasChildren, int HoursAwayPerDay, DateTime UpdatedUtc);

public sealed record AnimalListing(string AnimalId, string Name, string Species, int EnergyLevel, bool GoodWithChildren);

public sealed record MatchSuggestion(string AdopterId, string AnimalId, int Score);

/// <summary>
/// Keeps the current questionnaire answers of each prospective adopter and
/// scores them against listed animals. Registered as a singleton; the
/// questionnaire API and the nightly matching job both call into it.
/// </summary>
public sealed class AdopterDirectory
{
    private readonly ConcurrentDictionary<string, AdopterProfile> _profiles = new(StringComparer.Ordinal);

    public AdopterProfile Upsert(AdopterProfile incoming)
    {
        return _profiles.AddOrUpdate(
            incoming.AdopterId,
            incoming,
            (_, existing) => existing.UpdatedUtc > incoming.UpdatedUtc ? existing : incoming);
    }

    public bool Withdraw(string adopterId) => _profiles.TryRemove(adopterId, out _);

    public IReadOnlyList<MatchSuggestion> Suggest(AnimalListing animal, int take = 5)
    {
        return _profiles.Values
            .Select(p => new MatchSuggestion(p.AdopterId, animal.AnimalId, Score(p, animal)))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score)
            .Take(take)
            .ToList();
    }

    private static int Score(AdopterProfile adopter, AnimalListing animal)
    {
        if (adopter.HasChildren && !animal.GoodWithChildren)
        {
            return 0;
        }

        int score = 50;
        if (animal.Species == "dog")
        {
            score += adopter.HasGarden ? 20 : -10;
            score -= Math.Max(0, adopter.HoursAwayPerDay - 4) * 8;
        }
        score += animal.EnergyLevel >= 4 && adopter.HasGarden ? 15 : 0;
        return Math.Max(score, 0);
    }
}

/// <summary>
/// Nightly job that produces suggestions for every animal in parallel.
/// </summary>
public sealed class NightlyMatchJob
{
    private readonly AdopterDirectory _directory;

    public NightlyMatchJob(AdopterDirectory directory) => _directory = directory;

    public IReadOnlyDictionary<string, IReadOnlyList<MatchSuggestion>> Run(IEnumerable<AnimalListing> animals)
    {
        var results = new ConcurrentDictionary<string, IReadOnlyList<MatchSuggestion>>();
        Parallel.ForEach(animals, animal => results[animal.AnimalId] = _directory.Suggest(animal));
        return results;
    }
}
