namespace Blind51.PuppetTheatres.Touring;

public sealed record TourVenue(string Town, DateOnly Date, int Seats, bool HasFlyTower);

/// <summary>
/// The touring schedule for a puppet company. Venues are added and cancelled by the tour
/// manager's desk while background jobs (poster printing, van routing) read the schedule.
/// </summary>
public sealed class TourSchedule
{
    private readonly object _lock = new();
    private readonly List<TourVenue> _venues = new();
    private int _version;

    public int Version => Volatile.Read(ref _version);

    public void Add(TourVenue venue)
    {
        lock (_lock)
        {
            int index = _venues.FindIndex(v => v.Date > venue.Date);
            if (index < 0) _venues.Add(venue); else _venues.Insert(index, venue);
            Volatile.Write(ref _version, _version + 1);
        }
    }

    public bool Cancel(string town, DateOnly date)
    {
        lock (_lock)
        {
            bool removed = _venues.RemoveAll(v => v.Town == town && v.Date == date) > 0;
            if (removed) Volatile.Write(ref _version, _version + 1);
            return removed;
        }
    }

    public IReadOnlyList<TourVenue> Venues
    {
        get
        {
            lock (_lock)
            {
                return _venues.ToArray();
            }
        }
    }
}

/// <summary>
/// Plans van legs between venues. Runs on the thread pool whenever the schedule changes.
/// </summary>
public sealed class VanRoutePlanner
{
    private readonly TourSchedule _schedule;
    private readonly Func<string, string, double> _distanceKm;

    public VanRoutePlanner(TourSchedule schedule, Func<string, string, double> distanceKm)
    {
        _schedule = schedule;
        _distanceKm = distanceKm;
    }

    public Task<IReadOnlyList<string>> PlanAsync(string depot) => Task.Run<IReadOnlyList<string>>(() =>
    {
        var venues = _schedule.Venues;
        var legs = new List<string>();
        var from = depot;

        foreach (var venue in venues)
        {
            var km = _distanceKm(from, venue.Town);
            var note = venue.HasFlyTower ? "marionette rig" : "glove & rod set";
            legs.Add($"{venue.Date:dd MMM}: {from} -> {venue.Town} ({km:F0} km, {note})");
            from = venue.Town;
        }

        return legs;
    });
}

/// <summary>
/// The tour manager's desk.
/// </summary>
public sealed class TourDesk
{
    private readonly TourSchedule _schedule;
    private readonly VanRoutePlanner _planner;

    public TourDesk(TourSchedule schedule, VanRoutePlanner planner)
    {
        _schedule = schedule;
        _planner = planner;
    }

    public Task<IReadOnlyList<string>> BookAsync(TourVenue venue)
    {
        _schedule.Add(venue);
        return _planner.PlanAsync("Workshop");
    }
}
