namespace ParcelLockers;

public enum LockerSize
{
    Small,
    Medium,
    Large,
}

public sealed record LockerAssignment(int LockerNumber, string ParcelId, string PickupCode, DateTimeOffset ExpiresAt);

/// <summary>
/// Tracks which lockers in a bank are occupied. The courier app and the customer
/// pickup kiosk call this concurrently through the bank's API; one instance per bank.
/// </summary>
public sealed class LockerBank
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<int, LockerSize> _sizes;
    private readonly Dictionary<int, LockerAssignment> _occupied = new();

    public LockerBank(Dictionary<int, LockerSize> sizes) => _sizes = sizes;

    public LockerAssignment? TryAssign(string parcelId, LockerSize size)
    {
        _lock.EnterReadLock();
        try
        {
            foreach (var (number, lockerSize) in _sizes)
            {
                if (lockerSize != size || _occupied.ContainsKey(number))
                {
                    continue;
                }

                var code = Random.Shared.Next(100000, 999999).ToString();
                var assignment = new LockerAssignment(number, parcelId, code, DateTimeOffset.UtcNow.AddDays(3));
                _occupied[number] = assignment;
                return assignment;
            }

            return null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public bool TryPickup(int lockerNumber, string code)
    {
        _lock.EnterWriteLock();
        try
        {
            if (_occupied.TryGetValue(lockerNumber, out var a) && a.PickupCode == code)
            {
                _occupied.Remove(lockerNumber);
                return true;
            }
            return false;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int FreeCount(LockerSize size)
    {
        _lock.EnterReadLock();
        try
        {
            return _sizes.Count(p => p.Value == size && !_occupied.ContainsKey(p.Key));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
