namespace Blind36.BalloonMeet.Telemetry;

public sealed class PositionEventArgs : EventArgs
{
    public PositionEventArgs(string pilot, double latitude, double longitude, double altitudeMetres)
    {
        Pilot = pilot;
        Latitude = latitude;
        Longitude = longitude;
        AltitudeMetres = altitudeMetres;
    }

    public string Pilot { get; }
    public double Latitude { get; }
    public double Longitude { get; }
    public double AltitudeMetres { get; }
}

public interface ITrackerRadio
{
    Task<(double Lat, double Lon, double Alt)> ReceiveAsync(string pilot, CancellationToken ct);
}

/// <summary>
/// Listens to each balloon's GPS tracker on its own task and raises
/// <see cref="PositionReported"/> whenever a fix arrives.
/// </summary>
public sealed class TelemetryFeed
{
    private readonly ITrackerRadio _radio;

    public TelemetryFeed(ITrackerRadio radio) => _radio = radio;

    public event EventHandler<PositionEventArgs>? PositionReported;

    public Task RunAsync(IEnumerable<string> pilots, CancellationToken ct)
    {
        var listeners = pilots.Select(p => Task.Run(() => ListenAsync(p, ct), ct));
        return Task.WhenAll(listeners);
    }

    private async Task ListenAsync(string pilot, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var (lat, lon, alt) = await _radio.ReceiveAsync(pilot, ct).ConfigureAwait(false);
            PositionReported?.Invoke(this, new PositionEventArgs(pilot, lat, lon, alt));
        }
    }
}

public sealed record AltitudeRecord(string Pilot, double AltitudeMetres, DateTime At);

/// <summary>Keeps the "highest flight of the meet" board up to date.</summary>
public sealed class AltitudeLeaderboard
{
    private AltitudeRecord? _leader;

    public AltitudeLeaderboard(TelemetryFeed feed)
    {
        feed.PositionReported += OnPositionReported;
    }

    public AltitudeRecord? Leader => _leader;

    private void OnPositionReported(object? sender, PositionEventArgs e)
    {
        var current = _leader;
        if (current is null || e.AltitudeMetres > current.AltitudeMetres)
        {
            _leader = new AltitudeRecord(e.Pilot, e.AltitudeMetres, DateTime.UtcNow);
        }
    }
}
