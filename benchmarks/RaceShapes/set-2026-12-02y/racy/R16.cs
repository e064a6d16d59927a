namespace YurtCamp.Bookings;

public sealed record Booking(string Yurt, DateOnly Arrive, DateOnly Depart, string Guest)
{
    public bool Overlaps(DateOnly from, DateOnly to) => Arrive < to && from < Depart;
}

/// <summary>
/// Availability view of the yurt camp. The booking feed from the channel manager
/// replaces the whole list every few minutes; the front desk can add walk-in
/// guests between refreshes. Availability searches come from the public website
/// on many request threads at once.
/// </summary>
public sealed class YurtAvailability
{
    private readonly object _writeGate = new();
    private volatile List<Booking> _bookings = new();
    private readonly IReadOnlyList<string> _yurts;

    public YurtAvailability(IEnumerable<string> yurts) => _yurts = yurts.ToArray();

    public void ReplaceFromFeed(IEnumerable<Booking> feed)
    {
        var fresh = feed.OrderBy(b => b.Arrive).ToList();
        lock (_writeGate)
        {
            _bookings = fresh;
        }
    }

    public bool TryAddWalkIn(Booking walkIn)
    {
        lock (_writeGate)
        {
            var current = _bookings;
            if (current.Any(b => b.Yurt == walkIn.Yurt && b.Overlaps(walkIn.Arrive, walkIn.Depart)))
            {
                return false;
            }
            current.Add(walkIn);
            return true;
        }
    }

    public IReadOnlyList<string> FreeYurts(DateOnly from, DateOnly to)
    {
        var snapshot = _bookings;
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in snapshot)
        {
            if (b.Overlaps(from, to)) taken.Add(b.Yurt);
        }
        return _yurts.Where(y => !taken.Contains(y)).ToList();
    }

    public int BookingCount => _bookings.Count;
}

public sealed class ChannelManagerFeed : IDisposable
{
    private readonly System.Timers.Timer _timer;

    public ChannelManagerFeed(YurtAvailability availability, Func<IEnumerable<Booking>> download)
    {
        _timer = new System.Timers.Timer(TimeSpan.FromMinutes(5).TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += (_, _) => availability.ReplaceFromFeed(download());
        _timer.Start();
    }

    public void Dispose() => _timer.Dispose();
}
