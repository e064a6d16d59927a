using System.Collections.Concurrent;

namespace Blind53.AvalancheForecasting.Models;

/// <summary>
/// Snowpack model for one forecast region; expensive to build because it loads the
/// terrain grid and the last week of station observations.
/// </summary>
public sealed class SlopeStabilityModel
{
    private readonly float[] _terrain;

    public SlopeStabilityModel(string region, float[] terrain)
    {
        Region = region;
        _terrain = terrain;
    }

    public string Region { get; }

    public double DangerIndex(double newSnowCm, double windKnots)
    {
        double steep = _terrain.Count(a => a >= 30f) / (double)Math.Max(1, _terrain.Length);
        return Math.Clamp(steep * (newSnowCm / 10.0 + windKnots / 20.0), 0, 5);
    }
}

/// <summary>
/// Lazily builds and caches one model per region. Singleton used by every forecast request.
/// </summary>
public sealed class SlopeModelCache
{
    private readonly ConcurrentDictionary<string, Lazy<SlopeStabilityModel>> _models = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, float[]> _loadTerrain;
    private int _builds;

    public SlopeModelCache(Func<string, float[]> loadTerrain)
    {
        _loadTerrain = loadTerrain;
    }

    public int Builds => Volatile.Read(ref _builds);

    public SlopeStabilityModel Get(string region)
    {
        var lazy = _models.GetOrAdd(region, r => new Lazy<SlopeStabilityModel>(
            () => Build(r),
            LazyThreadSafetyMode.ExecutionAndPublication));

        try
        {
            return lazy.Value;
        }
        catch
        {
            _models.TryRemove(new KeyValuePair<string, Lazy<SlopeStabilityModel>>(region, lazy));
            throw;
        }
    }

    public void Invalidate(string region) => _models.TryRemove(region, out _);

    private SlopeStabilityModel Build(string region)
    {
        Interlocked.Increment(ref _builds);
        return new SlopeStabilityModel(region, _loadTerrain(region));
    }
}

public sealed class ForecastService
{
    private readonly SlopeModelCache _cache;

    public ForecastService(SlopeModelCache cache)
    {
        _cache = cache;
    }

    public async Task<IReadOnlyDictionary<string, double>> ForecastAsync(IEnumerable<string> regions, double newSnowCm, double windKnots)
    {
        var tasks = regions.Select(region => Task.Run(() => (region, index: _cache.Get(region).DangerIndex(newSnowCm, windKnots))));
        var results = await Task.WhenAll(tasks);
        return results.ToDictionary(r => r.region, r => r.index);
    }
}
