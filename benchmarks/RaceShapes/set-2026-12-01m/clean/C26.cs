using System.Collections.Immutable;

namespace Weather.Network;

public sealed record StationInfo(string Id, string Name, double Latitude, double Longitude, double ElevationM, DateTime LastSeenUtc);

/// <summary>
/// Registry of weather stations currently reporting. Stations announce themselves from
/// many upload connections; the map page reads the registry at the same time.
/// </summary>
public sealed class StationRegistry
{
    private ImmutableDictionary<string, StationInfo> _stations =
        ImmutableDictionary.Create<string, StationInfo>(StringComparer.OrdinalIgnoreCase);

    public void Announce(StationInfo info)
    {
        ImmutableInterlocked.AddOrUpdate(
            ref _stations,
            info.Id,
            info,
            (_, existing) => existing.LastSeenUtc >= info.LastSeenUtc ? existing : info);
    }

    public bool Retire(string stationId)
        => ImmutableInterlocked.TryRemove(ref _stations, stationId, out _);

    public int PruneSilent(TimeSpan maxSilence)
    {
        var cutoff = DateTime.UtcNow - maxSilence;
        var removed = 0;
        foreach (var station in Volatile.Read(ref _stations).Values)
        {
            if (station.LastSeenUtc < cutoff && ImmutableInterlocked.TryRemove(ref _stations, station.Id, out _))
            {
                removed++;
            }
        }

        return removed;
    }

    public IReadOnlyList<StationInfo> Within(double minLat, double maxLat, double minLon, double maxLon)
    {
        var snapshot = Volatile.Read(ref _stations);
        return snapshot.Values
            .Where(s => s.Latitude >= minLat && s.Latitude <= maxLat && s.Longitude >= minLon && s.Longitude <= maxLon)
            .OrderBy(s => s.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    public int Count => Volatile.Read(ref _stations).Count;
}
