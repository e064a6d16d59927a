using System.Collections.Concurrent;

namespace Blind63.TramDepot.Stabling;

public sealed record Tram(string FleetNumber, string Class, bool InService);

public sealed class Depot
{
    public Depot(string code, int roads)
    {
        Code = code;
        Roads = roads;
    }

    public string Code { get; }
    public int Roads { get; }
    public List<Tram> Stabled { get; } = new();
}

public interface IFleetDatabase
{
    IEnumerable<(string DepotCode, int Roads)> Depots();
    IEnumerable<Tram> TramsAt(string depotCode);
}

/// <summary>
/// In-memory view of which trams are stabled at which depot, used by the
/// controllers' dashboard and the overnight allocation API. Loaded at start
/// and reloaded when the fleet database signals a change.
/// </summary>
public sealed class StablingDirectory
{
    private readonly ConcurrentDictionary<string, Depot> _depots = new(StringComparer.OrdinalIgnoreCase);
    private readonly IFleetDatabase _db;

    public StablingDirectory(IFleetDatabase db)
    {
        _db = db;
    }

    /// <summary>Runs on a thread-pool thread when the fleet database raises a change notification.</summary>
    public void Reload()
    {
        foreach (var (code, roads) in _db.Depots())
        {
            var depot = new Depot(code, roads);
            _depots[code] = depot;

            foreach (var tram in _db.TramsAt(code))
            {
                depot.Stabled.Add(tram);
            }
        }
    }

    /// <summary>Called by the allocation API for each request.</summary>
    public int AvailableTrams(string depotCode)
    {
        if (!_depots.TryGetValue(depotCode, out var depot))
        {
            return 0;
        }

        int available = 0;
        foreach (var tram in depot.Stabled)
        {
            if (tram.InService)
            {
                available++;
            }
        }
        return available;
    }

    public IReadOnlyCollection<string> DepotCodes => _depots.Keys.ToArray();
}
