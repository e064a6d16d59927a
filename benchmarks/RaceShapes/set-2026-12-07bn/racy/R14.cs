namespace Blind66.MushroomForaging.Reports;

public sealed record Sighting(string Species, double Grams, DateTimeOffset SeenAt);

public sealed record Find(string Wood, string Species, double Grams);

public sealed record ForageReport(DateOnly Day, IReadOnlyList<Find> Edible, double TotalGrams);

public interface IForagerLogbook
{
    Task<IReadOnlyList<Sighting>> GetSightingsAsync(string wood, DateOnly day, CancellationToken ct);
}

public interface ISpeciesIdentifier
{
    ValueTask<bool> IsEdibleAsync(string species, CancellationToken ct);
}

/// <summary>
/// Builds the daily report for the foraging club: what edible finds were logged in each wood.
/// Called from the club's nightly report job.
/// </summary>
public sealed class ForageReportBuilder
{
    private readonly IForagerLogbook _logbook;
    private readonly ISpeciesIdentifier _identifier;

    public ForageReportBuilder(IForagerLogbook logbook, ISpeciesIdentifier identifier)
    {
        _logbook = logbook;
        _identifier = identifier;
    }

    public async Task<ForageReport> BuildAsync(IReadOnlyList<string> woods, DateOnly day, CancellationToken ct)
    {
        var finds = new List<Find>();

        var perWood = woods.Select(async wood =>
        {
            var sightings = await _logbook.GetSightingsAsync(wood, day, ct).ConfigureAwait(false);
            foreach (var sighting in sightings)
            {
                if (sighting.Grams <= 0)
                {
                    continue;
                }

                if (await _identifier.IsEdibleAsync(sighting.Species, ct).ConfigureAwait(false))
                {
                    finds.Add(new Find(wood, sighting.Species, sighting.Grams));
                }
            }
        });

        await Task.WhenAll(perWood).ConfigureAwait(false);

        var ordered = finds
            .OrderBy(f => f.Wood, StringComparer.OrdinalIgnoreCase)
            .ThenByDescending(f => f.Grams)
            .ToList();
        return new ForageReport(day, ordered, ordered.Sum(f => f.Grams));
    }
}
