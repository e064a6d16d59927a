namespace Fleet.Telematics;

public readonly struct GpsFix
{
    public GpsFix(double latitude, double longitude, double speedKph, DateTime utc)
    {
        Latitude = latitude;
        Longitude = longitude;
        SpeedKph = speedKph;
        Utc = utc;
    }

    public double Latitude { get; }
    public double Longitude { get; }
    public double SpeedKph { get; }
    public DateTime Utc { get; }
}

public interface IModemFeed
{
    GpsFix ReadNext(CancellationToken token);
}

/// <summary>
/// Keeps the most recent position of one vehicle for the dispatch dashboard.
/// The modem feed is read on a dedicated background thread.
/// </summary>
public sealed class VehicleTracker : IDisposable
{
    private readonly IModemFeed _feed;
    private readonly CancellationTokenSource _cts = new();
    private readonly Thread _reader;
    private GpsFix _lastFix;

    public VehicleTracker(string vehicleId, IModemFeed feed)
    {
        VehicleId = vehicleId;
        _feed = feed;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "modem-" + vehicleId };
        _reader.Start();
    }

    public string VehicleId { get; }

    private void ReadLoop()
    {
        while (!_cts.IsCancellationRequested)
        {
            try
            {
                var fix = _feed.ReadNext(_cts.Token);
                _lastFix = fix;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Called by dashboard requests.</summary>
    public string DescribeForDashboard()
    {
        var fix = _lastFix;
        var age = DateTime.UtcNow - fix.Utc;
        return $"{VehicleId}: {fix.Latitude:F5},{fix.Longitude:F5} at {fix.SpeedKph:F0} km/h ({age.TotalSeconds:F0}s ago)";
    }

    public void Dispose()
    {
        _cts.Cancel();
        _reader.Join(TimeSpan.FromSeconds(2));
        _cts.Dispose();
    }
}
