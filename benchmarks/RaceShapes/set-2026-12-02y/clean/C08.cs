namespace CurlingRink.Bookings;

public sealed record SheetBooking(int Sheet, DateTime Start, TimeSpan Length, string League);

/// <summary>
/// League booking calendar for the rink's sheets. Reads (the public schedule page,
/// the scoreboard, the Zamboni planner) vastly outnumber writes, which come from
/// the league secretary's screen. Shared by all of them.
/// </summary>
public sealed class SheetCalendar : IDisposable
{
    private readonly ReaderWriterLockSlim _rw = new();
    private readonly SortedDictionary<DateTime, SheetBooking>[] _sheets;
    private long _lookups;

    public SheetCalendar(int sheetCount)
    {
        _sheets = Enumerable.Range(0, sheetCount)
            .Select(_ => new SortedDictionary<DateTime, SheetBooking>())
            .ToArray();
    }

    public long Lookups => Interlocked.Read(ref _lookups);

    public IReadOnlyList<SheetBooking> Day(int sheet, DateOnly day)
    {
        Interlocked.Increment(ref _lookups);
        var from = day.ToDateTime(TimeOnly.MinValue);
        var to = from.AddDays(1);
        _rw.EnterReadLock();
        try
        {
            return _sheets[sheet].Values.Where(b => b.Start >= from && b.Start < to).ToList();
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public bool TryBook(SheetBooking booking)
    {
        _rw.EnterUpgradeableReadLock();
        try
        {
            var sheet = _sheets[booking.Sheet];
            var end = booking.Start + booking.Length;
            bool clash = sheet.Values.Any(b => b.Start < end && booking.Start < b.Start + b.Length);
            if (clash)
            {
                return false;
            }

            _rw.EnterWriteLock();
            try
            {
                sheet[booking.Start] = booking;
            }
            finally
            {
                _rw.ExitWriteLock();
            }
            return true;
        }
        finally
        {
            _rw.ExitUpgradeableReadLock();
        }
    }

    public bool Cancel(int sheet, DateTime start)
    {
        _rw.EnterWriteLock();
        try
        {
            return _sheets[sheet].Remove(start);
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public void Dispose() => _rw.Dispose();
}
