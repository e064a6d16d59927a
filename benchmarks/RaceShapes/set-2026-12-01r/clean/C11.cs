namespace ParcelLockers.Reservations;

public sealed record Reservation(int LockerNumber, string CourierId, DateTimeOffset HeldUntil);

/// <summary>
/// Lets couriers hold a locker for a few minutes while they walk over from the van.
/// One instance per locker bank; the courier app and the kiosk call it concurrently.
/// </summary>
public sealed class LockerReservationBook : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly SortedSet<int> _free;
    private readonly Dictionary<int, Reservation> _held = new();

    public LockerReservationBook(IEnumerable<int> lockerNumbers) => _free = new SortedSet<int>(lockerNumbers);

    public Reservation? Hold(string courierId, TimeSpan duration)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_free.Count == 0)
            {
                return null;
            }

            var number = _free.Min;
            _free.Remove(number);
            var reservation = new Reservation(number, courierId, DateTimeOffset.UtcNow + duration);
            _held.Add(number, reservation);
            return reservation;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int ReleaseExpired(DateTimeOffset now)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            var expired = _held.Values.Where(r => r.HeldUntil <= now).Select(r => r.LockerNumber).ToList();
            if (expired.Count == 0)
            {
                return 0;
            }

            _lock.EnterWriteLock();
            try
            {
                foreach (var number in expired)
                {
                    _held.Remove(number);
                    _free.Add(number);
                }
            }
            finally
            {
                _lock.ExitWriteLock();
            }
            return expired.Count;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public Reservation? Find(int lockerNumber)
    {
        _lock.EnterReadLock();
        try
        {
            return _held.TryGetValue(lockerNumber, out var r) ? r : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public int FreeCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _free.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}
