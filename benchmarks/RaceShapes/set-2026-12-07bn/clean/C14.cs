namespace Blind66.MushroomForaging.Survey;

public sealed record Sighting(string Species, double Grams, string GridRef);

public sealed record SurveyFind(string Wood, string Species, double Grams, string GridRef);

public sealed record SurveyResult(IReadOnlyList<SurveyFind> Finds, IReadOnlyList<string> WoodsFailed);

public interface ISurveyLogbook
{
    Task<IReadOnlyList<Sighting>> GetAsync(string wood, CancellationToken ct);
}

public interface IToxicSpeciesList
{
    ValueTask<bool> IsToxicAsync(string species, CancellationToken ct);
}

/// <summary>
/// Collates the autumn fungus survey across all surveyed woods for the county recorder.
/// </summary>
public sealed class FungusSurveyCollator
{
    private readonly ISurveyLogbook _logbook;
    private readonly IToxicSpeciesList _toxic;

    public FungusSurveyCollator(ISurveyLogbook logbook, IToxicSpeciesList toxic)
    {
        _logbook = logbook;
        _toxic = toxic;
    }

    public async Task<SurveyResult> CollateAsync(IReadOnlyList<string> woods, CancellationToken ct)
    {
        var perWood = woods.Select(wood => CollectWoodAsync(wood, ct)).ToArray();
        var results = await Task.WhenAll(perWood).ConfigureAwait(false);

        var finds = new List<SurveyFind>();
        var failed = new List<string>();
        foreach (var (wood, woodFinds, error) in results)
        {
            if (error is not null)
            {
                failed.Add(wood);
                continue;
            }

            finds.AddRange(woodFinds);
        }

        finds.Sort((a, b) => string.Compare(a.Species, b.Species, StringComparison.OrdinalIgnoreCase));
        return new SurveyResult(finds, failed);
    }

    private async Task<(string Wood, List<SurveyFind> Finds, Exception? Error)> CollectWoodAsync(string wood, CancellationToken ct)
    {
        var local = new List<SurveyFind>();
        try
        {
            var sightings = await _logbook.GetAsync(wood, ct).ConfigureAwait(false);
            foreach (var s in sightings)
            {
                // Toxic species are still recorded by the survey; only zero-weight entries are dropped.
                if (s.Grams <= 0 && !await _toxic.IsToxicAsync(s.Species, ct).ConfigureAwait(false))
                {
                    continue;
                }

                local.Add(new SurveyFind(wood, s.Species, s.Grams, s.GridRef));
            }

            return (wood, local, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (wood, local, ex);
        }
    }
}
