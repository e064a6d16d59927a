namespace Blind53.WeatherBalloons.Ingest;

public sealed record SondePacket(string SondeId, int Frame, double AltitudeMetres, double PressureHpa, string Station);

/// <summary>
/// Drops radiosonde frames that already arrived through another ground station.
/// One instance is shared by all station listener threads.
/// </summary>
public sealed class FrameDeduplicator : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<(string SondeId, int Frame), DateTime> _seen = new();
    private readonly TimeSpan _window;
    private readonly Timer _pruneTimer;

    public FrameDeduplicator(TimeSpan window)
    {
        _window = window;
        _pruneTimer = new Timer(Prune, null, window, window);
    }

    public bool IsFirstSighting(SondePacket packet, DateTime receivedUtc)
    {
        var key = (packet.SondeId, packet.Frame);
        lock (_gate)
        {
            if (_seen.ContainsKey(key))
            {
                return false;
            }

            _seen[key] = receivedUtc;
            return true;
        }
    }

    private void Prune(object? state)
    {
        var cutoff = DateTime.UtcNow - _window;
        lock (this)
        {
            var stale = new List<(string, int)>();
            foreach (var entry in _seen)
            {
                if (entry.Value < cutoff)
                {
                    stale.Add(entry.Key);
                }
            }

            foreach (var key in stale)
            {
                _seen.Remove(key);
            }
        }
    }

    public void Dispose() => _pruneTimer.Dispose();
}

/// <summary>
/// Receives frames from one ground station and forwards unique ones to the ascent archive.
/// </summary>
public sealed class StationListener
{
    private readonly FrameDeduplicator _deduplicator;
    private readonly Action<SondePacket> _archive;

    public StationListener(FrameDeduplicator deduplicator, Action<SondePacket> archive)
    {
        _deduplicator = deduplicator;
        _archive = archive;
    }

    public Task RunAsync(IAsyncEnumerable<SondePacket> frames, CancellationToken cancellationToken)
    {
        return Task.Run(async () =>
        {
            await foreach (var packet in frames.WithCancellation(cancellationToken))
            {
                if (_deduplicator.IsFirstSighting(packet, DateTime.UtcNow))
                {
                    _archive(packet);
                }
            }
        }, cancellationToken);
    }
}
