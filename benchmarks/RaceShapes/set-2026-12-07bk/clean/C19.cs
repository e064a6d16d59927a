using Microsoft.Extensions.Hosting;

namespace Blind63.PotteryKilns.Firings;

public sealed record FiringLog(string KilnId, int Cone, DateTimeOffset Started, DateTimeOffset? Finished, double PeakCelsius);

/// <summary>
/// Cache of recent kiln firings for the studio's booking screen. Lookups are
/// frequent and come from many request threads; a background timer compacts
/// out firings older than the retention period.
/// </summary>
public sealed class FiringCache : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, List<FiringLog>> _byKiln = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan _retention;
    private readonly Timer _compactor;

    public FiringCache(TimeSpan retention)
    {
        _retention = retention;
        _compactor = new Timer(_ => Compact(), null, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));
    }

    public void Add(FiringLog log)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_byKiln.TryGetValue(log.KilnId, out var list))
            {
                list = new List<FiringLog>();
                _byKiln[log.KilnId] = list;
            }
            list.Add(log);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<FiringLog> ForKiln(string kilnId)
    {
        _lock.EnterReadLock();
        try
        {
            return _byKiln.TryGetValue(kilnId, out var list) ? list.ToArray() : Array.Empty<FiringLog>();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public bool IsFiring(string kilnId)
    {
        _lock.EnterReadLock();
        try
        {
            return _byKiln.TryGetValue(kilnId, out var list) && list.Count > 0 && list[^1].Finished is null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Compact()
    {
        var cutoff = DateTimeOffset.UtcNow - _retention;

        _lock.EnterUpgradeableReadLock();
        try
        {
            var stale = _byKiln.Where(kv => kv.Value.Any(f => f.Finished is { } done && done < cutoff))
                               .Select(kv => kv.Key)
                               .ToList();
            if (stale.Count == 0)
            {
                return;
            }

            _lock.EnterWriteLock();
            try
            {
                foreach (var kiln in stale)
                {
                    var list = _byKiln[kiln];
                    list.RemoveAll(f => f.Finished is { } done && done < cutoff);
                    if (list.Count == 0)
                    {
                        _byKiln.Remove(kiln);
                    }
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

    public void Dispose()
    {
        _compactor.Dispose();
        _lock.Dispose();
    }
}

/// <summary>Fills the cache from the kiln controllers' logs when the app starts.</summary>
public sealed class FiringCacheWarmup : IHostedService
{
    private readonly FiringCache _cache;
    private readonly Func<string, CancellationToken, Task<IReadOnlyList<FiringLog>>> _loadKiln;
    private readonly IReadOnlyList<string> _kilns;

    public FiringCacheWarmup(FiringCache cache, IReadOnlyList<string> kilns,
        Func<string, CancellationToken, Task<IReadOnlyList<FiringLog>>> loadKiln)
    {
        (_cache, _kilns, _loadKiln) = (cache, kilns, loadKiln);
    }

    public Task StartAsync(CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(_kilns, cancellationToken, async (kiln, ct) =>
        {
            foreach (var log in await _loadKiln(kiln, ct))
            {
                _cache.Add(log);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
