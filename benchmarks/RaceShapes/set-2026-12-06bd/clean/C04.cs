namespace Blind56.BikeShare.Geofencing;

public sealed record DockZone(string DockId, double Latitude, double Longitude, double RadiusMetres, bool AcceptsReturns);

public readonly record struct BikePosition(string BikeId, double Latitude, double Longitude);

/// <summary>
/// Decides whether a bike being locked is inside a docking zone. The lock firmware
/// gateway calls FindZone from many threads; the operations team adds, moves and
/// suspends zones through the admin API.
/// </summary>
public sealed class DockZoneRegistry
{
    private readonly object _writeLock = new();
    private DockZone[] _zones = Array.Empty<DockZone>();

    public DockZone? FindZone(BikePosition position)
    {
        DockZone[] zones = Volatile.Read(ref _zones);
        DockZone? best = null;
        double bestDistance = double.MaxValue;
        foreach (var zone in zones)
        {
            if (!zone.AcceptsReturns)
            {
                continue;
            }

            double distance = DistanceMetres(position.Latitude, position.Longitude, zone.Latitude, zone.Longitude);
            if (distance <= zone.RadiusMetres && distance < bestDistance)
            {
                best = zone;
                bestDistance = distance;
            }
        }

        return best;
    }

    public void Upsert(DockZone zone)
    {
        lock (_writeLock)
        {
            var current = _zones;
            int index = Array.FindIndex(current, z => z.DockId == zone.DockId);
            DockZone[] next;
            if (index >= 0)
            {
                next = (DockZone[])current.Clone();
                next[index] = zone;
            }
            else
            {
                next = new DockZone[current.Length + 1];
                current.CopyTo(next, 0);
                next[^1] = zone;
            }

            Volatile.Write(ref _zones, next);
        }
    }

    public bool Suspend(string dockId)
    {
        lock (_writeLock)
        {
            var current = _zones;
            int index = Array.FindIndex(current, z => z.DockId == dockId);
            if (index < 0)
            {
                return false;
            }

            var next = (DockZone[])current.Clone();
            next[index] = current[index] with { AcceptsReturns = false };
            Volatile.Write(ref _zones, next);
            return true;
        }
    }

    private static double DistanceMetres(double lat1, double lon1, double lat2, double lon2)
    {
        const double metresPerDegree = 111_320.0;
        double dy = (lat2 - lat1) * metresPerDegree;
        double dx = (lon2 - lon1) * metresPerDegree * Math.Cos((lat1 + lat2) * Math.PI / 360.0);
        return Math.Sqrt(dx * dx + dy * dy);
    }
}
