namespace Blind43.Transplant.CourierTracking;

public readonly record struct GpsFix(double Latitude, double Longitude, DateTimeOffset TakenAt);

public interface ICourierGps
{
    GpsFix? ReadLatest(string courierId);
}

/// <summary>
/// Follows an organ courier between donor and recipient hospitals. A timer polls the
/// courier's GPS unit every few seconds; the coordination desk asks for the ETA at will.
/// </summary>
public sealed class CourierTracker : IDisposable
{
    private const double AverageSpeedKmh = 70;

    private readonly object _sync = new();
    private readonly ICourierGps _gps;
    private readonly string _courierId;
    private readonly (double Lat, double Lon) _destination;
    private readonly Timer _pollTimer;

    private GpsFix _lastFix;
    private double _distanceRemainingKm;
    private int _missedPolls;

    public CourierTracker(ICourierGps gps, string courierId, double destLat, double destLon)
    {
        _gps = gps;
        _courierId = courierId;
        _destination = (destLat, destLon);
        _distanceRemainingKm = double.NaN;
        _pollTimer = new Timer(OnPoll, null, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    private void OnPoll(object? state)
    {
        var fix = _gps.ReadLatest(_courierId);
        if (fix is null)
        {
            Interlocked.Increment(ref _missedPolls);
            return;
        }

        var distance = Haversine(fix.Value.Latitude, fix.Value.Longitude, _destination.Lat, _destination.Lon);

        lock (_sync)
        {
            _lastFix = fix.Value;
        }

        _distanceRemainingKm = distance;
        Interlocked.Exchange(ref _missedPolls, 0);
    }

    public (GpsFix Fix, TimeSpan Eta) Estimate()
    {
        lock (_sync)
        {
            var hours = double.IsNaN(_distanceRemainingKm) ? 0 : _distanceRemainingKm / AverageSpeedKmh;
            return (_lastFix, TimeSpan.FromHours(hours));
        }
    }

    public bool SignalLost => Volatile.Read(ref _missedPolls) >= 3;

    public void Dispose() => _pollTimer.Dispose();

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371;
        var dLat = ToRad(lat2 - lat1);
        var dLon = ToRad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(ToRad(lat1)) * Math.Cos(ToRad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }

    private static double ToRad(double degrees) => degrees * Math.PI / 180;
}
