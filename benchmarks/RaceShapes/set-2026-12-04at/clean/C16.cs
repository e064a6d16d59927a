namespace Blind46.Falconry.LiveFeed;

public sealed record FlightUpdate(string BirdName, string Handler, double AltitudeM, double SpeedKmh);

public interface IFeedTransport
{
    Task PushAsync(string connectionId, FlightUpdate update, CancellationToken ct);
}

/// <summary>
/// Keeps track of which visitor screens follow which bird during flying displays.
/// Shared between the hub (connect/disconnect) and the telemetry broadcaster.
/// </summary>
public sealed class BirdFollowerRegistry
{
    private readonly object _lock = new();
    private readonly Dictionary<string, HashSet<string>> _followers = new(StringComparer.OrdinalIgnoreCase);

    public void Follow(string bird, string connectionId)
    {
        lock (_lock)
        {
            if (!_followers.TryGetValue(bird, out var set))
                _followers[bird] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(connectionId);
        }
    }

    public void Unfollow(string bird, string connectionId)
    {
        lock (_lock)
        {
            if (_followers.TryGetValue(bird, out var set) && set.Remove(connectionId) && set.Count == 0)
                _followers.Remove(bird);
        }
    }

    /// <summary>Connections currently following the given bird.</summary>
    public string[] FollowersOf(string bird)
    {
        lock (_lock)
        {
            return _followers.TryGetValue(bird, out var set) ? set.ToArray() : Array.Empty<string>();
        }
    }
}

public sealed class FlightTelemetryBroadcaster
{
    private readonly BirdFollowerRegistry _registry;
    private readonly IFeedTransport _transport;

    public FlightTelemetryBroadcaster(BirdFollowerRegistry registry, IFeedTransport transport)
    {
        _registry = registry;
        _transport = transport;
    }

    public async Task PublishAsync(FlightUpdate update, CancellationToken ct)
    {
        var followers = _registry.FollowersOf(update.BirdName);
        var sends = new Task[followers.Length];
        for (int i = 0; i < followers.Length; i++)
            sends[i] = _transport.PushAsync(followers[i], update, ct);

        await Task.WhenAll(sends).ConfigureAwait(false);
    }
}
