namespace Blind24.TideStations;

public sealed record TidePrediction(string StationId, DateTimeOffset HighWater, double HeightMetres);

/// <summary>
/// Holds harmonic tide predictions per station. Registered as a singleton; the
/// nightly prediction job replaces a station's predictions while API requests read them.
/// </summary>
public sealed class TidePredictionStore
{
    private readonly object _sync = new();
    private readonly Dictionary<string, List<TidePrediction>> _byStation = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset _lastRefresh;

    public void Replace(string stationId, IEnumerable<TidePrediction> predictions)
    {
        var sorted = predictions.OrderBy(p => p.HighWater).ToList();
        lock (_sync)
        {
            _byStation[stationId] = sorted;
            _lastRefresh = DateTimeOffset.UtcNow;
        }
    }

    public TidePrediction? NextHighWater(string stationId, DateTimeOffset after)
    {
        lock (_sync)
        {
            if (!_byStation.TryGetValue(stationId, out var list))
            {
                return null;
            }

            foreach (var p in list)
            {
                if (p.HighWater > after)
                {
                    return p;
                }
            }

            return null;
        }
    }

    public IReadOnlyList<TidePrediction> Window(string stationId, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_sync)
        {
            return _byStation.TryGetValue(stationId, out var list)
                ? list.Where(p => p.HighWater >= from && p.HighWater <= to).ToList()
                : new List<TidePrediction>();
        }
    }

    public DateTimeOffset LastRefresh
    {
        get { lock (_sync) { return _lastRefresh; } }
    }
}

/// <summary>Recomputes predictions for all stations in parallel each night.</summary>
public sealed class NightlyPredictionJob
{
    private readonly TidePredictionStore _store;
    private readonly Func<string, IEnumerable<TidePrediction>> _compute;

    public NightlyPredictionJob(TidePredictionStore store, Func<string, IEnumerable<TidePrediction>> compute)
    {
        _store = store;
        _compute = compute;
    }

    public void Run(IEnumerable<string> stationIds)
    {
        Parallel.ForEach(stationIds, id => _store.Replace(id, _compute(id)));
    }
}
