namespace Blind22.CheeseCave.Racks;

public sealed class WheelRecord
{
    public required string WheelId { get; init; }
    public required string RackSlot { get; init; }
    public DateOnly MadeOn { get; init; }
    public int Turns { get; set; }
    public DateOnly? LastTurned { get; set; }
}

/// <summary>
/// Inventory of cheese wheels on the aging racks. Used by the affineur's handheld
/// scanner service and by the nightly aging report, both of which call in on their own
/// request threads.
/// </summary>
public sealed class AgingRackInventory : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, WheelRecord> _wheels = new();

    public void Shelve(WheelRecord wheel)
    {
        _lock.EnterWriteLock();
        try
        {
            _wheels[wheel.WheelId] = wheel;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool RecordTurn(string wheelId, DateOnly today)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_wheels.TryGetValue(wheelId, out var wheel))
            {
                return false;
            }
            wheel.Turns++;
            wheel.LastTurned = today;
            return true;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<(string WheelId, int Turns, int AgeDays)> AgingReport(DateOnly today)
    {
        _lock.EnterReadLock();
        try
        {
            return _wheels.Values
                .OrderBy(w => w.RackSlot)
                .Select(w => (w.WheelId, w.Turns, today.DayNumber - w.MadeOn.DayNumber))
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public bool Remove(string wheelId)
    {
        _lock.EnterWriteLock();
        try
        {
            return _wheels.Remove(wheelId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
