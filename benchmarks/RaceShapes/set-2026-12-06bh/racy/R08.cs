namespace Blind60.BalloonClub.Launches;

public sealed record WindReport(string LaunchSite, double SurfaceKnots, double GustKnots, DateTime ObservedUtc);

public interface IWindFeed
{
    Task<WindReport> FetchAsync(string launchSite, CancellationToken ct);
}

/// <summary>
/// Polls the wind feed for every launch field the club uses and keeps the latest report
/// so the pilot briefing screen can decide whether a flight may go ahead.
/// </summary>
public sealed class LaunchWindMonitor : IDisposable
{
    private readonly IWindFeed _feed;
    private readonly string[] _sites;
    private readonly Dictionary<string, WindReport> _latest = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _cts = new();
    private Timer? _timer;
    private int _site;

    public LaunchWindMonitor(IWindFeed feed, IEnumerable<string> sites)
    {
        _feed = feed;
        _sites = sites.ToArray();
    }

    public void Start(TimeSpan interval)
    {
        _timer = new Timer(OnTick, null, TimeSpan.Zero, interval);
    }

    // Each tick refreshes the next site in rotation.
    private async void OnTick(object? state)
    {
        var index = Interlocked.Increment(ref _site) % _sites.Length;
        var site = _sites[index];
        try
        {
            var report = await _feed.FetchAsync(site, _cts.Token).ConfigureAwait(false);
            _latest[report.LaunchSite] = report;
        }
        catch (OperationCanceledException)
        {
        }
        catch (HttpRequestException)
        {
            // Keep the previous report; the briefing screen shows its age.
        }
    }

    public bool IsFlyable(string site, double maxGustKnots)
    {
        lock (_latest)
        {
            return _latest.TryGetValue(site, out var report)
                && DateTime.UtcNow - report.ObservedUtc < TimeSpan.FromMinutes(20)
                && report.GustKnots <= maxGustKnots;
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _cts.Cancel();
    }
}
