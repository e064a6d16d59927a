namespace Blind35.GoatDairy.Yields;

public sealed record DailyYield(DateOnly Day, double Litres, int Milkings);

/// <summary>
/// Per-goat milk yield for the current day. One instance for the whole dairy, shared by the
/// milking-parlour stations (each station posts after every goat) and the herd report.
/// </summary>
public sealed class MilkYieldLedger : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, DailyYield> _byGoat = new(StringComparer.OrdinalIgnoreCase);

    public void RecordMilking(string goatTag, double litres, DateOnly day)
    {
        if (litres < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(litres));
        }

        _lock.EnterReadLock();
        try
        {
            var updated = _byGoat.TryGetValue(goatTag, out var existing) && existing.Day == day
                ? existing with { Litres = existing.Litres + litres, Milkings = existing.Milkings + 1 }
                : new DailyYield(day, litres, 1);
            _byGoat[goatTag] = updated;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public double TotalFor(DateOnly day)
    {
        _lock.EnterReadLock();
        try
        {
            return _byGoat.Values.Where(y => y.Day == day).Sum(y => y.Litres);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<string> LowYielders(DateOnly day, double thresholdLitres)
    {
        _lock.EnterReadLock();
        try
        {
            return _byGoat
                .Where(kv => kv.Value.Day == day && kv.Value.Litres < thresholdLitres)
                .Select(kv => kv.Key)
                .OrderBy(tag => tag)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void ResetDay()
    {
        _lock.EnterWriteLock();
        try
        {
            _byGoat.Clear();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}

public sealed class ParlourStation
{
    private readonly MilkYieldLedger _ledger;

    public ParlourStation(MilkYieldLedger ledger) => _ledger = ledger;

    public Task PostAsync(string goatTag, double litres) =>
        Task.Run(() => _ledger.RecordMilking(goatTag, litres, DateOnly.FromDateTime(DateTime.Today)));
}
