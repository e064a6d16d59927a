using System.Collections.Concurrent;

namespace Blind34.BeaverSurvey.Dams;

public sealed record DamSite(string Id, string Stream, double Lat, double Lon);

public sealed record DamAssessment(string Id, double HeightMetres, bool Active, string Notes);

public interface IDroneImagery
{
    Task<DamAssessment> AssessAsync(DamSite site, CancellationToken ct);
}

/// <summary>
/// Runs the drone-image assessment for every dam site in the catchment with
/// bounded parallelism. The survey office polls <see cref="Progress"/> while it
/// runs.
/// </summary>
public sealed class CatchmentSurvey
{
    private readonly IDroneImagery _imagery;
    private int _done;
    private int _failed;
    private int _total;

    public CatchmentSurvey(IDroneImagery imagery) => _imagery = imagery;

    public (int Done, int Failed, int Total) Progress =>
        (Volatile.Read(ref _done), Volatile.Read(ref _failed), Volatile.Read(ref _total));

    public async Task<IReadOnlyList<DamAssessment>> RunAsync(IReadOnlyCollection<DamSite> sites, CancellationToken ct)
    {
        Volatile.Write(ref _total, sites.Count);
        Interlocked.Exchange(ref _done, 0);
        Interlocked.Exchange(ref _failed, 0);

        var results = new ConcurrentBag<DamAssessment>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };
        await Parallel.ForEachAsync(sites, options, async (site, token) =>
        {
            try
            {
                results.Add(await _imagery.AssessAsync(site, token).ConfigureAwait(false));
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failed);
            }
            finally
            {
                Interlocked.Increment(ref _done);
            }
        }).ConfigureAwait(false);

        return results.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyDictionary<string, int> ActiveByStream(
        IReadOnlyList<DamSite> sites, IReadOnlyList<DamAssessment> assessments)
    {
        var streamById = sites.ToDictionary(s => s.Id, s => s.Stream);
        return assessments
            .Where(a => a.Active && streamById.ContainsKey(a.Id))
            .GroupBy(a => streamById[a.Id])
            .ToDictionary(g => g.Key, g => g.Count());
    }
}
