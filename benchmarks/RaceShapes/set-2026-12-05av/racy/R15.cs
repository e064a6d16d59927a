namespace Blind48.FireLookout.Alerts;

public sealed class SmokeDetectedEventArgs : EventArgs
{
    public SmokeDetectedEventArgs(string towerId, double bearingDegrees, DateTimeOffset seenAt)
    {
        TowerId = towerId;
        BearingDegrees = bearingDegrees;
        SeenAt = seenAt;
    }

    public string TowerId { get; }
    public double BearingDegrees { get; }
    public DateTimeOffset SeenAt { get; }
}

public interface IDispatchPager
{
    Task PageFireCrewAsync(string towerId, double bearingDegrees, CancellationToken ct);
}

/// <summary>
/// Polls the camera feed of each lookout tower on its own task and raises
/// <see cref="SmokeDetected"/> when the classifier flags a plume.
/// </summary>
public sealed class LookoutCameraHub
{
    public event EventHandler<SmokeDetectedEventArgs>? SmokeDetected;

    public Task RunAsync(IEnumerable<string> towerIds, Func<string, double?> classify, CancellationToken ct)
    {
        var pollers = towerIds.Select(towerId => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                var bearing = classify(towerId);
                if (bearing is double b)
                {
                    SmokeDetected?.Invoke(this, new SmokeDetectedEventArgs(towerId, b, DateTimeOffset.UtcNow));
                }

                await Task.Delay(TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            }
        }, ct));

        return Task.WhenAll(pollers);
    }
}

/// <summary>
/// Pages the fire crew for each sighting and remembers when each tower last
/// raised an alert, for the ranger station's status board.
/// </summary>
public sealed class SmokeAlertCoordinator
{
    private readonly IDispatchPager _pager;
    private readonly Dictionary<string, DateTimeOffset> _lastAlertByTower = new(StringComparer.Ordinal);
    private readonly object _boardLock = new();

    public SmokeAlertCoordinator(LookoutCameraHub hub, IDispatchPager pager)
    {
        _pager = pager;
        hub.SmokeDetected += OnSmokeDetected;
    }

    private async void OnSmokeDetected(object? sender, SmokeDetectedEventArgs e)
    {
        try
        {
            await _pager.PageFireCrewAsync(e.TowerId, e.BearingDegrees, CancellationToken.None);
            _lastAlertByTower[e.TowerId] = e.SeenAt;
        }
        catch (HttpRequestException)
        {
            // Pager gateway outages are reported by its own health check.
        }
    }

    public IReadOnlyDictionary<string, DateTimeOffset> StatusBoard()
    {
        lock (_boardLock)
        {
            return new Dictionary<string, DateTimeOffset>(_lastAlertByTower, StringComparer.Ordinal);
        }
    }
}
