using System.Collections.Concurrent;

namespace Blind66.Falconry.Telemetry;

public sealed record FlightTrack(string TagId, IReadOnlyList<(double Lat, double Lon, DateTimeOffset At)> Fixes);

public interface IGpsTagClient
{
    Task<FlightTrack> DownloadAsync(string tagId, CancellationToken ct);
}

/// <summary>
/// Collapses concurrent requests for the same falcon's GPS track into a single download.
/// Registered as a singleton and used by the map page and the flight-log exporter.
/// </summary>
public sealed class FlightTrackCoalescer
{
    private readonly ConcurrentDictionary<string, Lazy<Task<FlightTrack>>> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly IGpsTagClient _client;
    private long _downloads;
    private long _joined;

    public FlightTrackCoalescer(IGpsTagClient client) => _client = client;

    public long Downloads => Interlocked.Read(ref _downloads);

    public long Joined => Interlocked.Read(ref _joined);

    public Task<FlightTrack> GetTrackAsync(string tagId)
    {
        var candidate = new Lazy<Task<FlightTrack>>(
            () => DownloadAsync(tagId),
            LazyThreadSafetyMode.ExecutionAndPublication);

        var winner = _inFlight.GetOrAdd(tagId, candidate);
        if (!ReferenceEquals(winner, candidate))
        {
            Interlocked.Increment(ref _joined);
            return winner.Value;
        }

        var task = winner.Value;
        _ = task.ContinueWith(
            static (_, state) =>
            {
                var (map, key, entry) = ((ConcurrentDictionary<string, Lazy<Task<FlightTrack>>>, string, Lazy<Task<FlightTrack>>))state!;
                map.TryRemove(new KeyValuePair<string, Lazy<Task<FlightTrack>>>(key, entry));
            },
            (_inFlight, tagId, candidate),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        return task;
    }

    private async Task<FlightTrack> DownloadAsync(string tagId)
    {
        Interlocked.Increment(ref _downloads);
        // Not tied to any one caller's token: other callers may be waiting on the same download.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _client.DownloadAsync(tagId, timeout.Token).ConfigureAwait(false);
    }
}
