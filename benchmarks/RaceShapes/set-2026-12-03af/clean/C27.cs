namespace Blind32.WeatherBalloons.Launch;

public sealed record BurstReport(string Flight, double BurstAltitudeMetres, DateTimeOffset At);

public interface IGroundStation
{
    Task<BurstReport> WaitForBurstAsync(string flight, CancellationToken cancellationToken);
}

/// <summary>
/// Waits for each launched balloon to report its burst altitude, giving up
/// after the expected flight time. Launch history is kept for the day and is
/// read by the launch crew's tablet app.
/// </summary>
public sealed class BurstTracker
{
    private readonly IGroundStation _station;
    private readonly object _historyGate = new();
    private readonly List<(string Flight, double? Altitude)> _history = new();

    public BurstTracker(IGroundStation station) => _station = station;

    public async Task<double?> TrackAsync(string flight, TimeSpan expectedFlightTime, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var burst = _station.WaitForBurstAsync(flight, cts.Token);
        var timeout = Task.Delay(expectedFlightTime, cts.Token);

        var winner = await Task.WhenAny(burst, timeout).ConfigureAwait(false);
        cts.Cancel();

        double? altitude = null;
        if (winner == burst && burst.IsCompletedSuccessfully)
            altitude = burst.Result.BurstAltitudeMetres;

        // Observe the loser so a late fault doesn't go unobserved.
        _ = (winner == burst ? timeout : burst).ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);

        lock (_historyGate)
        {
            _history.Add((flight, altitude));
        }
        return altitude;
    }

    public IReadOnlyList<(string Flight, double? Altitude)> History()
    {
        lock (_historyGate)
        {
            return _history.ToList();
        }
    }
}

/// <summary>Tracks the two daily synoptic launches at once.</summary>
public static class SynopticLaunches
{
    public static async Task<string> TrackBothAsync(BurstTracker tracker, CancellationToken ct)
    {
        var results = await Task.WhenAll(
            tracker.TrackAsync("00Z", TimeSpan.FromHours(2), ct),
            tracker.TrackAsync("12Z", TimeSpan.FromHours(2), ct));
        return string.Join(", ", results.Select(r => r?.ToString("F0") ?? "lost"));
    }
}
