namespace Blind4.Clean.Caching.Sessions;

public sealed record SessionData(string UserId, IReadOnlyDictionary<string, string> Claims);

/// <summary>
/// In-memory session store with sliding expiration for a single-node deployment.
/// Request handlers call <see cref="TryGet"/> and <see cref="Set"/>; a timer evicts idle sessions.
/// </summary>
public sealed class InMemorySessionStore : IDisposable
{
    private sealed class Slot
    {
        public Slot(SessionData data, DateTime lastAccessUtc)
        {
            Data = data;
            LastAccessUtc = lastAccessUtc;
        }

        public SessionData Data;
        public DateTime LastAccessUtc;
    }

    private readonly object _sync = new();
    private readonly object _sweepGate = new();
    private readonly Dictionary<string, Slot> _sessions = new(StringComparer.Ordinal);
    private readonly List<string> _expiredScratch = new();
    private readonly TimeSpan _idleTimeout;
    private readonly Timer _janitor;
    private long _evicted;

    public InMemorySessionStore(TimeSpan idleTimeout)
    {
        _idleTimeout = idleTimeout;
        _janitor = new Timer(_ => EvictIdle(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public long EvictedCount => Interlocked.Read(ref _evicted);

    public bool TryGet(string sessionId, out SessionData? data)
    {
        lock (_sync)
        {
            if (_sessions.TryGetValue(sessionId, out var slot) && DateTime.UtcNow - slot.LastAccessUtc < _idleTimeout)
            {
                slot.LastAccessUtc = DateTime.UtcNow;
                data = slot.Data;
                return true;
            }
        }

        data = null;
        return false;
    }

    public void Set(string sessionId, SessionData data)
    {
        lock (_sync)
        {
            if (_sessions.TryGetValue(sessionId, out var slot))
            {
                slot.Data = data;
                slot.LastAccessUtc = DateTime.UtcNow;
            }
            else
            {
                _sessions[sessionId] = new Slot(data, DateTime.UtcNow);
            }
        }
    }

    private void EvictIdle()
    {
        // A slow sweep must not pile up behind itself; the next tick will catch up.
        if (!Monitor.TryEnter(_sweepGate))
        {
            return;
        }

        try
        {
            _expiredScratch.Clear();
            lock (_sync)
            {
                var cutoff = DateTime.UtcNow - _idleTimeout;
                foreach (var (id, slot) in _sessions)
                {
                    if (slot.LastAccessUtc < cutoff)
                    {
                        _expiredScratch.Add(id);
                    }
                }

                foreach (var id in _expiredScratch)
                {
                    _sessions.Remove(id);
                }
            }

            Interlocked.Add(ref _evicted, _expiredScratch.Count);
        }
        finally
        {
            Monitor.Exit(_sweepGate);
        }
    }

    public void Dispose() => _janitor.Dispose();
}
