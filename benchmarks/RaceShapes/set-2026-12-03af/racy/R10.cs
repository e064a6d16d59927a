namespace Blind32.LocoShed.Roads;

public sealed record ShedRoad(int Number, string Purpose);

public sealed record RosterEntry(string Locomotive, int Road, string Purpose);

/// <summary>
/// Remembers which shed road each locomotive is standing on. The shed foreman's
/// handhelds update it through the API throughout the day, and a nightly job
/// reloads it from the next day's roster. Registered as a singleton.
/// </summary>
public sealed class ShedOccupancy
{
    private readonly object _gate = new();
    private Dictionary<string, ShedRoad> _roads = new(StringComparer.OrdinalIgnoreCase);

    public void Assign(string locomotive, ShedRoad road)
    {
        lock (_gate)
        {
            _roads[locomotive] = road;
        }
    }

    public bool Depart(string locomotive)
    {
        lock (_gate)
        {
            return _roads.Remove(locomotive);
        }
    }

    public ShedRoad? Find(string locomotive)
    {
        lock (_gate)
        {
            return _roads.TryGetValue(locomotive, out var road) ? road : null;
        }
    }

    public IReadOnlyList<string> OnRoad(int number)
    {
        lock (_gate)
        {
            return _roads.Where(kv => kv.Value.Number == number).Select(kv => kv.Key).ToList();
        }
    }

    /// <summary>Replaces the day's occupancy with the roster for the next day.</summary>
    public void LoadRoster(IEnumerable<RosterEntry> roster)
    {
        var fresh = new Dictionary<string, ShedRoad>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in roster)
            fresh[entry.Locomotive] = new ShedRoad(entry.Road, entry.Purpose);

        _roads = fresh;
    }
}

/// <summary>Reloads the roster shortly after midnight each day.</summary>
public sealed class NightlyRosterReload : IDisposable
{
    private readonly ShedOccupancy _occupancy;
    private readonly Func<IEnumerable<RosterEntry>> _loadRoster;
    private readonly Timer _timer;

    public NightlyRosterReload(ShedOccupancy occupancy, Func<IEnumerable<RosterEntry>> loadRoster)
    {
        _occupancy = occupancy;
        _loadRoster = loadRoster;
        var now = DateTime.Now;
        var firstRun = now.Date.AddDays(1).AddMinutes(5) - now;
        _timer = new Timer(_ => _occupancy.LoadRoster(_loadRoster()), null, firstRun, TimeSpan.FromDays(1));
    }

    public void Dispose() => _timer.Dispose();
}
