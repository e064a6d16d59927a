using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Blind47.TeaPlantation.Withering;

public sealed record WitheringRun(string TroughId, DateTime Loaded, double LeafKg, double MoistureStartPct, double MoistureEndPct);

/// <summary>
/// Withering-trough history for the factory manager's dashboard. Shared by all
/// dashboard requests and by the trough sensors' ingestion endpoint.
/// </summary>
public sealed class WitheringHistory : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, List<WitheringRun>> _runs = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _views = new(StringComparer.OrdinalIgnoreCase);

    public void Record(WitheringRun run)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_runs.TryGetValue(run.TroughId, out var list))
            {
                _runs[run.TroughId] = list = new List<WitheringRun>();
            }

            list.Add(run);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<WitheringRun> ForTrough(string troughId)
    {
        _views.AddOrUpdate(troughId, 1, (_, n) => n + 1);

        _lock.EnterReadLock();
        try
        {
            return _runs.TryGetValue(troughId, out var list) ? list.ToArray() : Array.Empty<WitheringRun>();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public double AverageMoistureLoss()
    {
        _lock.EnterReadLock();
        try
        {
            var all = _runs.Values.SelectMany(r => r).ToList();
            return all.Count == 0 ? 0 : all.Average(r => r.MoistureStartPct - r.MoistureEndPct);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void PruneBefore(DateTime cutoff)
    {
        _lock.EnterUpgradeableReadLock();
        try
        {
            var stale = _runs.Where(kv => kv.Value.Any(r => r.Loaded < cutoff)).Select(kv => kv.Key).ToList();
            if (stale.Count == 0)
            {
                return;
            }

            _lock.EnterWriteLock();
            try
            {
                foreach (var trough in stale)
                {
                    _runs[trough].RemoveAll(r => r.Loaded < cutoff);
                }
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

    public IReadOnlyDictionary<string, int> Views() => new Dictionary<string, int>(_views);

    public void Dispose() => _lock.Dispose();
}
