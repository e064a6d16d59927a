namespace Blind26.PipeOrgan.Tuning;

public sealed record PipeTuning(string Rank, int Pipe, double TargetHz, double MeasuredHz)
{
    public double Cents => 1200.0 * Math.Log2(MeasuredHz / TargetHz);
}

/// <summary>
/// In-memory registry of the latest tuning measurement per rank. Shared by the tuner
/// tablets' API handlers (reads, many at once) and the measurement importer (writes).
/// </summary>
public sealed class TuningRegistry : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, PipeTuning> _byRank = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTime> _lastViewed = new(StringComparer.OrdinalIgnoreCase);

    public PipeTuning? Get(string rank)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_byRank.TryGetValue(rank, out var tuning))
            {
                return null;
            }

            _lastViewed[rank] = DateTime.UtcNow;
            return tuning;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Record(PipeTuning tuning)
    {
        _lock.EnterWriteLock();
        try
        {
            _byRank[tuning.Rank] = tuning;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<string> StaleRanks(TimeSpan notViewedFor)
    {
        var cutoff = DateTime.UtcNow - notViewedFor;
        _lock.EnterReadLock();
        try
        {
            return _byRank.Keys
                .Where(r => !_lastViewed.TryGetValue(r, out var seen) || seen < cutoff)
                .ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<PipeTuning> OutOfTolerance(double maxCents)
    {
        _lock.EnterReadLock();
        try
        {
            return _byRank.Values.Where(t => Math.Abs(t.Cents) > maxCents).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
