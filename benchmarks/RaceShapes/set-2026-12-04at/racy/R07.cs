namespace Blind46.SaltMarsh.Survey;

public sealed record SpeciesObservation(string Species, int Count, double CoverPercent);

public sealed record Quadrat(string Id, string Transect, IReadOnlyList<SpeciesObservation> Observations);

public interface IQuadratReader
{
    Task<Quadrat> ReadAsync(string quadratId, CancellationToken ct);
}

public sealed record SurveySummary(int QuadratsRead, IReadOnlyDictionary<string, int> SpeciesTotals);

/// <summary>
/// Pulls quadrat sheets for a survey season from the field-data store and
/// totals individual counts per species.
/// </summary>
public sealed class QuadratSurveyAggregator
{
    private readonly IQuadratReader _reader;
    private readonly int _maxConcurrentReads;

    public QuadratSurveyAggregator(IQuadratReader reader, int maxConcurrentReads = 4)
    {
        _reader = reader;
        _maxConcurrentReads = maxConcurrentReads;
    }

    public async Task<SurveySummary> SummariseAsync(IReadOnlyList<string> quadratIds, CancellationToken ct)
    {
        var speciesTotals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int quadratsRead = 0;

        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = _maxConcurrentReads,
            CancellationToken = ct,
        };

        await Parallel.ForEachAsync(quadratIds, options, async (id, token) =>
        {
            var quadrat = await _reader.ReadAsync(id, token).ConfigureAwait(false);
            Interlocked.Increment(ref quadratsRead);

            foreach (var obs in quadrat.Observations)
            {
                if (obs.Count <= 0)
                    continue;

                speciesTotals.TryGetValue(obs.Species, out int running);
                speciesTotals[obs.Species] = running + obs.Count;
            }
        }).ConfigureAwait(false);

        return new SurveySummary(quadratsRead, speciesTotals);
    }
}

public static class SurveyReport
{
    public static IEnumerable<string> TopSpecies(SurveySummary summary, int take) =>
        summary.SpeciesTotals
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
            .Take(take)
            .Select(kv => $"{kv.Key}: {kv.Value}");
}
