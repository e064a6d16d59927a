namespace Blind56.BalloonSchool.Airspace;

public struct RestrictedZone
{
    public double Latitude;
    public double Longitude;
    public double RadiusKm;
    public int CeilingFeet;
    public bool Active;
}

public readonly record struct BalloonFix(string BalloonId, double Latitude, double Longitude, int AltitudeFeet);

/// <summary>
/// Checks training balloons against the restricted zones around the launch field
/// (the airfield, the wildlife reserve, the power lines). One instance is shared by
/// the telemetry receivers, one per balloon, and by the operations console that
/// edits zones during the day.
/// </summary>
public sealed class RestrictedZoneMonitor
{
    private const double EarthRadiusKm = 6371.0;

    private readonly RestrictedZone[] _zones;
    private readonly object _editLock = new();

    public RestrictedZoneMonitor(int capacity)
    {
        _zones = new RestrictedZone[capacity];
    }

    public void UpdateZone(int slot, double latitude, double longitude, double radiusKm, int ceilingFeet)
    {
        if (radiusKm <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(radiusKm));
        }

        lock (_editLock)
        {
            _zones[slot] = new RestrictedZone
            {
                Latitude = latitude,
                Longitude = longitude,
                RadiusKm = radiusKm,
                CeilingFeet = ceilingFeet,
                Active = true,
            };
        }
    }

    public void DisableZone(int slot)
    {
        lock (_editLock)
        {
            _zones[slot].Active = false;
        }
    }

    /// <summary>Returns the slot of the first zone the balloon is inside, or null.</summary>
    public int? FindIncursion(BalloonFix fix)
    {
        for (int i = 0; i < _zones.Length; i++)
        {
            RestrictedZone zone = _zones[i];
            if (!zone.Active || fix.AltitudeFeet > zone.CeilingFeet)
            {
                continue;
            }

            double distance = HaversineKm(fix.Latitude, fix.Longitude, zone.Latitude, zone.Longitude);
            if (distance <= zone.RadiusKm)
            {
                return i;
            }
        }

        return null;
    }

    private static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        double dLat = ToRadians(lat2 - lat1);
        double dLon = ToRadians(lon2 - lon1);
        double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                   Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) *
                   Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(a));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180.0;
}

/// <summary>Reads fixes for one balloon and raises an alarm on incursion.</summary>
public sealed class BalloonTelemetryReceiver
{
    private readonly RestrictedZoneMonitor _monitor;
    private readonly Action<BalloonFix, int> _alarm;

    public BalloonTelemetryReceiver(RestrictedZoneMonitor monitor, Action<BalloonFix, int> alarm)
    {
        _monitor = monitor;
        _alarm = alarm;
    }

    public Task RunAsync(IAsyncEnumerable<BalloonFix> fixes, CancellationToken ct) => Task.Run(async () =>
    {
        await foreach (var fix in fixes.WithCancellation(ct))
        {
            if (_monitor.FindIncursion(fix) is int slot)
            {
                _alarm(fix, slot);
            }
        }
    }, ct);
}
