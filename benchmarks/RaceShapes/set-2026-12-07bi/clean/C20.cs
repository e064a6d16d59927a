namespace Blind61.SnowPloughs;

public sealed record PloughPosition(string Unit, double Lat, double Lon, bool BladeDown, DateTimeOffset At);

public interface IAvlFeed
{
    Task<IReadOnlyList<PloughPosition>> FetchAsync(CancellationToken ct);
}

/// <summary>
/// Polls the plough fleet's vehicle-location feed and keeps the latest position of each
/// plough for the gritting control room map. Backs off while the feed is unavailable.
/// </summary>
public sealed class PloughTracker : IDisposable
{
    private readonly IAvlFeed _feed;
    private readonly Timer _timer;
    private readonly object _lifecycle = new();
    private readonly Dictionary<string, PloughPosition> _lastSeen = new();
    private TimeSpan _interval = TimeSpan.FromSeconds(15);
    private int _consecutiveErrors;
    private bool _disposed;
    private bool _started;
    private PloughPosition[] _published = Array.Empty<PloughPosition>();

    public PloughTracker(IAvlFeed feed)
    {
        _feed = feed;
        _timer = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);
    }

    public IReadOnlyList<PloughPosition> Positions => Volatile.Read(ref _published);

    public void Start()
    {
        lock (_lifecycle)
        {
            if (_disposed || _started)
                return;
            _started = true;
            _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private async void OnTick(object? state)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var positions = await _feed.FetchAsync(cts.Token);
            foreach (var p in positions)
            {
                if (!_lastSeen.TryGetValue(p.Unit, out var prev) || prev.At < p.At)
                    _lastSeen[p.Unit] = p;
            }
            Volatile.Write(ref _published, _lastSeen.Values.OrderBy(p => p.Unit, StringComparer.Ordinal).ToArray());
            _consecutiveErrors = 0;
            _interval = TimeSpan.FromSeconds(15);
        }
        catch (Exception)
        {
            // back off while the feed is down, up to five minutes
            _consecutiveErrors++;
            _interval = TimeSpan.FromSeconds(Math.Min(300, 15 * Math.Pow(2, _consecutiveErrors)));
        }
        finally
        {
            lock (_lifecycle)
            {
                if (!_disposed)
                    _timer.Change(_interval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_lifecycle)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }
}
