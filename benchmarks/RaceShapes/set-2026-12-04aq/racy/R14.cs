namespace Blind43.Ferries.Timetable;

public sealed record Sailing(string Route, TimeOnly Departs, string Vessel, bool Seasonal);

public interface ITimetableSource
{
    IReadOnlyList<Sailing> LoadBase();
    IReadOnlyList<Sailing> LoadSeasonalExtras();
}

/// <summary>
/// Holds the current ferry timetable for the departures boards and the journey planner API.
/// A reload timer refreshes it every few minutes; readers never take a lock.
/// </summary>
public sealed class TimetableCache : IDisposable
{
    private readonly ITimetableSource _source;
    private readonly Timer _reloadTimer;
    private List<Sailing> _current = new();
    private int _reloading;

    public TimetableCache(ITimetableSource source, TimeSpan reloadEvery)
    {
        _source = source;
        _reloadTimer = new Timer(_ => Reload(), null, TimeSpan.Zero, reloadEvery);
    }

    public void Reload()
    {
        if (Interlocked.Exchange(ref _reloading, 1) == 1)
        {
            return;
        }

        try
        {
            var sailings = new List<Sailing>(_source.LoadBase());
            sailings.Sort((a, b) => a.Departs.CompareTo(b.Departs));

            // Publish the base timetable straight away so the boards are never blank while
            // the slower seasonal feed is fetched.
            Volatile.Write(ref _current, sailings);

            foreach (var extra in _source.LoadSeasonalExtras())
            {
                sailings.Add(extra);
            }
        }
        finally
        {
            Volatile.Write(ref _reloading, 0);
        }
    }

    public IReadOnlyList<Sailing> NextDepartures(string route, TimeOnly after, int count)
    {
        var snapshot = Volatile.Read(ref _current);
        var result = new List<Sailing>(count);
        foreach (var sailing in snapshot)
        {
            if (sailing.Route == route && sailing.Departs > after)
            {
                result.Add(sailing);
                if (result.Count == count)
                {
                    break;
                }
            }
        }

        return result;
    }

    public int SailingCount => Volatile.Read(ref _current).Count;

    public void Dispose() => _reloadTimer.Dispose();
}
