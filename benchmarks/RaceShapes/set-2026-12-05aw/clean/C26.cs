using System.Collections.Concurrent;

namespace VolcanoObservatory.AshAdvisory;

public sealed record AshForecast(string Volcano, int FlightLevel, double ConcentrationMgM3, DateTime ValidUntilUtc);

public interface IDispersionModel
{
    Task<AshForecast> RunAsync(string volcano, int flightLevel, CancellationToken ct);
}

/// <summary>
/// Cache of ash dispersion forecasts served to airline dispatch clients. Running the model
/// takes minutes, so when an entry expires only one caller per key recomputes it; the
/// others wait for that result. Registered as a singleton.
/// </summary>
public sealed class AshForecastCache
{
    private readonly ConcurrentDictionary<(string, int), AshForecast> _entries = new();
    private readonly ConcurrentDictionary<(string, int), SemaphoreSlim> _keyLocks = new();
    private readonly IDispersionModel _model;
    private long _modelRuns;

    public AshForecastCache(IDispersionModel model)
    {
        _model = model;
    }

    public long ModelRuns => Interlocked.Read(ref _modelRuns);

    public async Task<AshForecast> GetAsync(string volcano, int flightLevel, CancellationToken ct)
    {
        var key = (volcano, flightLevel);
        if (_entries.TryGetValue(key, out var cached) && cached.ValidUntilUtc > DateTime.UtcNow)
        {
            return cached;
        }

        var keyLock = _keyLocks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await keyLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Another caller may have refreshed it while we were waiting.
            if (_entries.TryGetValue(key, out cached) && cached.ValidUntilUtc > DateTime.UtcNow)
            {
                return cached;
            }

            Interlocked.Increment(ref _modelRuns);
            var fresh = await _model.RunAsync(volcano, flightLevel, ct).ConfigureAwait(false);
            _entries[key] = fresh;
            return fresh;
        }
        finally
        {
            keyLock.Release();
        }
    }

    public void Invalidate(string volcano)
    {
        foreach (var key in _entries.Keys.Where(k => k.Item1 == volcano).ToList())
        {
            _entries.TryRemove(key, out _);
        }
    }
}

/// <summary>Answers a dispatcher's route check across several flight levels at once.</summary>
public sealed class RouteAshCheck
{
    private readonly AshForecastCache _cache;

    public RouteAshCheck(AshForecastCache cache) => _cache = cache;

    public async Task<IReadOnlyList<int>> LevelsAboveLimitAsync(string volcano, IEnumerable<int> levels,
        double limitMgM3, CancellationToken ct)
    {
        var forecasts = await Task.WhenAll(levels.Select(fl => _cache.GetAsync(volcano, fl, ct)));
        return forecasts.Where(f => f.ConcentrationMgM3 > limitMgM3).Select(f => f.FlightLevel).ToList();
    }
}
