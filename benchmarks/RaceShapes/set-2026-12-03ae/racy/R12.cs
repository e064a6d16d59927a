namespace Blind31.HarpMakers.Sessions;

public sealed record WorkshopSession(Guid Id, string Customer, string HarpModel, DateTime LastSeenUtc);

/// <summary>
/// Stores design sessions for the harp configurator web app. One instance serves all
/// requests; most requests only read or touch a session.
/// </summary>
public sealed class WorkshopSessionStore : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<Guid, WorkshopSession> _sessions = new();
    private readonly TimeSpan _idleTimeout;

    public WorkshopSessionStore(TimeSpan idleTimeout)
    {
        _idleTimeout = idleTimeout;
    }

    public WorkshopSession Create(string customer, string harpModel)
    {
        var session = new WorkshopSession(Guid.NewGuid(), customer, harpModel, DateTime.UtcNow);
        _lock.EnterWriteLock();
        try
        {
            _sessions.Add(session.Id, session);
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return session;
    }

    public WorkshopSession? Get(Guid id)
    {
        _lock.EnterReadLock();
        try
        {
            return _sessions.TryGetValue(id, out var session) ? session : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Marks a session as active; called on every page view.</summary>
    public void Touch(Guid id)
    {
        _lock.EnterReadLock();
        try
        {
            if (_sessions.TryGetValue(id, out var session))
            {
                _sessions[id] = session with { LastSeenUtc = DateTime.UtcNow };
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public int PurgeIdle()
    {
        var cutoff = DateTime.UtcNow - _idleTimeout;
        _lock.EnterWriteLock();
        try
        {
            var idle = _sessions.Values.Where(s => s.LastSeenUtc < cutoff).Select(s => s.Id).ToList();
            foreach (var id in idle)
            {
                _sessions.Remove(id);
            }

            return idle.Count;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Dispose() => _lock.Dispose();
}
