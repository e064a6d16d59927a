using System.Collections.Concurrent;

namespace SessionStore.Memory;

public sealed class SessionData
{
    public SessionData(string id, DateTimeOffset lastAccess)
    {
        Id = id;
        LastAccessTicks = lastAccess.UtcTicks;
    }

    public string Id { get; }
    public ConcurrentDictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
    public long LastAccessTicks;
}

/// <summary>
/// In-memory session store. Requests opportunistically sweep idle sessions; only one request
/// performs the sweep at a time and the others skip it.
/// </summary>
public sealed class InMemorySessionStore
{
    private readonly ConcurrentDictionary<string, SessionData> _sessions = new(StringComparer.Ordinal);
    private readonly object _sweepGate = new();
    private readonly TimeSpan _idleTimeout;
    private readonly TimeSpan _sweepInterval;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;
    private int _sweptTotal;

    public InMemorySessionStore(TimeSpan idleTimeout, TimeSpan sweepInterval)
    {
        _idleTimeout = idleTimeout;
        _sweepInterval = sweepInterval;
    }

    public SessionData GetOrCreate(string sessionId)
    {
        var now = DateTimeOffset.UtcNow;
        var session = _sessions.GetOrAdd(sessionId, static (id, ts) => new SessionData(id, ts), now);
        Interlocked.Exchange(ref session.LastAccessTicks, now.UtcTicks);
        MaybeSweep(now);
        return session;
    }

    public bool Remove(string sessionId) => _sessions.TryRemove(sessionId, out _);

    private void MaybeSweep(DateTimeOffset now)
    {
        if (!Monitor.TryEnter(_sweepGate))
        {
            return;
        }

        try
        {
            if (now - _lastSweep < _sweepInterval)
            {
                return;
            }

            _lastSweep = now;
            var cutoff = (now - _idleTimeout).UtcTicks;
            foreach (var pair in _sessions)
            {
                if (Interlocked.Read(ref pair.Value.LastAccessTicks) < cutoff && _sessions.TryRemove(pair))
                {
                    _sweptTotal++;
                }
            }
        }
        finally
        {
            Monitor.Exit(_sweepGate);
        }
    }

    public int SweptTotal
    {
        get
        {
            lock (_sweepGate)
            {
                return _sweptTotal;
            }
        }
    }
}
