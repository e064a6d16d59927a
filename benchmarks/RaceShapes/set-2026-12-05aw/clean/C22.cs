namespace PeatBogs.Survey;

public sealed record CoreSample(string Plot, double DepthCm, double CarbonPercent, DateTime TakenUtc);

/// <summary>
/// Append-only store of peat core samples with periodic background compaction, which merges
/// duplicate submissions for the same plot and depth. Queried concurrently by the field app
/// and the carbon-stock reports.
/// </summary>
public sealed class CoreSampleStore : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private List<CoreSample> _samples = new();
    private int _appendsSinceCompaction;
    private readonly Timer _compactor;

    public CoreSampleStore(TimeSpan compactEvery)
    {
        _compactor = new Timer(_ => Compact(), null, compactEvery, compactEvery);
    }

    public void Add(CoreSample sample)
    {
        _lock.EnterWriteLock();
        try
        {
            _samples.Add(sample);
            _appendsSinceCompaction++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public double MeanCarbon(string plot)
    {
        _lock.EnterReadLock();
        try
        {
            var forPlot = _samples.Where(s => s.Plot == plot).ToList();
            return forPlot.Count == 0 ? 0 : forPlot.Average(s => s.CarbonPercent);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<CoreSample> ForPlot(string plot)
    {
        _lock.EnterReadLock();
        try
        {
            return _samples.Where(s => s.Plot == plot).OrderBy(s => s.DepthCm).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Compact()
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            if (_appendsSinceCompaction < 100)
            {
                return;
            }
            var merged = _samples
                .GroupBy(s => (s.Plot, Math.Round(s.DepthCm)))
                .Select(g => g.OrderByDescending(s => s.TakenUtc).First())
                .ToList();

            _lock.EnterWriteLock();
            try
            {
                _samples = merged;
                _appendsSinceCompaction = 0;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        if (_compactor.Dispose(done))
        {
            done.WaitOne();
        }
        _lock.Dispose();
    }
}
