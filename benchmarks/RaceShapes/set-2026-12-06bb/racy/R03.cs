namespace Blind54.ParkingGarage.Occupancy;

public sealed record LevelOccupancy(string LevelId, int FreeBays, int TotalBays, DateTime MeasuredUtc);

/// <summary>
/// Coalesces concurrent occupancy lookups for the same garage level, so that a burst of
/// app users opening the level map results in a single call to the bay sensor gateway.
/// One instance is shared by all requests.
/// </summary>
public sealed class OccupancyLookupCoalescer
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Task<LevelOccupancy>> _inflight = new();
    private readonly Func<string, CancellationToken, Task<LevelOccupancy>> _fetch;

    public OccupancyLookupCoalescer(Func<string, CancellationToken, Task<LevelOccupancy>> fetch)
    {
        _fetch = fetch;
    }

    public Task<LevelOccupancy> GetAsync(string levelId)
    {
        lock (_gate)
        {
            if (_inflight.TryGetValue(levelId, out var existing))
            {
                return existing;
            }

            var task = Task.Run(() => FetchAndForgetAsync(levelId));
            _inflight[levelId] = task;
            return task;
        }
    }

    public int InflightCount
    {
        get
        {
            lock (_gate)
            {
                return _inflight.Count;
            }
        }
    }

    private async Task<LevelOccupancy> FetchAndForgetAsync(string levelId)
    {
        try
        {
            return await _fetch(levelId, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _inflight.Remove(levelId);
        }
    }
}

/// <summary>Gateway client that reads bay sensors for one level.</summary>
public sealed class BaySensorGateway
{
    private readonly HttpClient _http;

    public BaySensorGateway(HttpClient http) => _http = http;

    public async Task<LevelOccupancy> ReadLevelAsync(string levelId, CancellationToken ct)
    {
        var text = await _http.GetStringAsync($"levels/{levelId}/bays", ct).ConfigureAwait(false);
        var parts = text.Split(',');
        return new LevelOccupancy(levelId, int.Parse(parts[0]), int.Parse(parts[1]), DateTime.UtcNow);
    }
}
