namespace Blind29.Falconry.FlightLogs;

public sealed record FlightLog(string BirdId, IReadOnlyList<DateTimeOffset> Flights, double AverageWeightGrams);

public interface IFlightLogRepository
{
    Task<FlightLog> LoadAsync(string birdId, CancellationToken ct);
}

/// <summary>
/// Caches the flight logs of the centre's birds for the keepers' tablet app.
/// Registered as a singleton; the app's API controllers call it on every request.
/// </summary>
public sealed class FlightLogCache
{
    private readonly IFlightLogRepository _repository;
    private readonly Dictionary<string, FlightLog> _cache = new();
    private readonly TimeSpan _maxAge;
    private readonly Dictionary<string, DateTimeOffset> _loadedAt = new();
    private readonly object _ageLock = new();

    public FlightLogCache(IFlightLogRepository repository, TimeSpan maxAge)
    {
        _repository = repository;
        _maxAge = maxAge;
    }

    public async Task<FlightLog> GetAsync(string birdId, CancellationToken ct)
    {
        if (_cache.TryGetValue(birdId, out var cached) && !IsStale(birdId))
        {
            return cached;
        }

        var log = await _repository.LoadAsync(birdId, ct).ConfigureAwait(false);
        _cache[birdId] = log;
        lock (_ageLock)
        {
            _loadedAt[birdId] = DateTimeOffset.UtcNow;
        }

        return log;
    }

    private bool IsStale(string birdId)
    {
        lock (_ageLock)
        {
            return !_loadedAt.TryGetValue(birdId, out var at) || DateTimeOffset.UtcNow - at > _maxAge;
        }
    }
}

public sealed class WeighInController
{
    private readonly FlightLogCache _cache;

    public WeighInController(FlightLogCache cache) => _cache = cache;

    public async Task<string> SummaryAsync(string birdId, CancellationToken ct)
    {
        var log = await _cache.GetAsync(birdId, ct);
        var last = log.Flights.Count > 0 ? log.Flights[^1].ToString("g") : "never";
        return $"{birdId}: {log.Flights.Count} flights, avg {log.AverageWeightGrams:0} g, last flown {last}";
    }
}
