namespace Blind61.FishFarms;

public sealed record PenReading(string PenId, double WaterTempC, double DissolvedOxygenMgL, DateTimeOffset TakenAt);

/// <summary>
/// Feeding plan for the salmon pens. The feed barge's auto-feeders read rates many times a
/// second; the environmental monitor adjusts them as sensor readings come in.
/// Registered as a singleton.
/// </summary>
public sealed class FeedPlan : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    // adjusted rates; pens without an entry feed at their base rate
    private readonly Dictionary<string, double> _kgPerHour = new();
    private readonly Dictionary<string, double> _baseKgPerHour;

    public FeedPlan(IReadOnlyDictionary<string, double> baseKgPerHour)
    {
        _baseKgPerHour = new Dictionary<string, double>(baseKgPerHour);
    }

    public double RateFor(string penId)
    {
        _lock.EnterReadLock();
        try
        {
            return _kgPerHour.TryGetValue(penId, out var rate) ? rate : _baseKgPerHour.GetValueOrDefault(penId);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Scales feeding back when the water is warm or oxygen is low.</summary>
    public void ApplyReading(PenReading reading)
    {
        if (!_baseKgPerHour.TryGetValue(reading.PenId, out var baseRate))
            return;

        var factor = 1.0;
        if (reading.WaterTempC > 16) factor *= 0.7;
        if (reading.DissolvedOxygenMgL < 6) factor *= 0.5;

        _lock.EnterUpgradeableReadLock();
        try
        {
            var current = _kgPerHour.TryGetValue(reading.PenId, out var r) ? r : baseRate;
            var target = baseRate * factor;
            if (Math.Abs(current - target) < 0.01)
                return;

            _kgPerHour[reading.PenId] = target;
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public IReadOnlyDictionary<string, double> Snapshot()
    {
        _lock.EnterReadLock();
        try
        {
            var copy = new Dictionary<string, double>(_baseKgPerHour);
            foreach (var (pen, rate) in _kgPerHour)
                copy[pen] = rate;
            return copy;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>Drives one auto-feeder on the barge.</summary>
public sealed class AutoFeeder
{
    private readonly FeedPlan _plan;
    private readonly string _penId;

    public AutoFeeder(FeedPlan plan, string penId)
    {
        _plan = plan;
        _penId = penId;
    }

    public async Task RunAsync(Func<string, double, Task> dispense, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(ct))
        {
            var kgPerHour = _plan.RateFor(_penId);
            await dispense(_penId, kgPerHour / 14400.0);
        }
    }
}
