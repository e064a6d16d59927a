using System.Collections.Concurrent;

namespace Blind31.BookbindingStudios.Sessions;

public sealed record DesignSession(string SessionId, string Customer, string Paper, string Thread, int Signatures, DateTime LastActiveUtc);

/// <summary>
/// Sessions of the online bookbinding designer, where customers choose paper, thread and
/// cover. Singleton; every request touches a session and a timer purges idle ones.
/// </summary>
public sealed class DesignSessionStore : IDisposable
{
    private readonly ConcurrentDictionary<string, DesignSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _idleLimit;
    private readonly Timer _purgeTimer;
    private long _purged;

    public DesignSessionStore(TimeSpan idleLimit)
    {
        _idleLimit = idleLimit;
        _purgeTimer = new Timer(_ => PurgeIdle(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public long Purged => Interlocked.Read(ref _purged);

    public DesignSession Start(string customer)
    {
        var session = new DesignSession(Guid.NewGuid().ToString("N"), customer, "Laid 90gsm", "Linen 18/3", 6, DateTime.UtcNow);
        _sessions[session.SessionId] = session;
        return session;
    }

    public DesignSession? Get(string sessionId) => _sessions.TryGetValue(sessionId, out var s) ? s : null;

    public DesignSession? Update(string sessionId, Func<DesignSession, DesignSession> change)
    {
        while (_sessions.TryGetValue(sessionId, out var current))
        {
            var updated = change(current) with { LastActiveUtc = DateTime.UtcNow };
            if (_sessions.TryUpdate(sessionId, updated, current))
            {
                return updated;
            }
        }

        return null;
    }

    public void Touch(string sessionId) => Update(sessionId, s => s);

    private void PurgeIdle()
    {
        var cutoff = DateTime.UtcNow - _idleLimit;
        foreach (var pair in _sessions)
        {
            if (pair.Value.LastActiveUtc < cutoff &&
                ((ICollection<KeyValuePair<string, DesignSession>>)_sessions).Remove(pair))
            {
                Interlocked.Increment(ref _purged);
            }
        }
    }

    public void Dispose() => _purgeTimer.Dispose();
}
