namespace Blind.R07;

public sealed class Session
{
    public Session(string id, string userName, DateTime createdUtc)
    {
        Id = id;
        UserName = userName;
        LastSeenUtc = createdUtc;
    }

    public string Id { get; }

    public string UserName { get; }

    public DateTime LastSeenUtc { get; set; }
}

/// <summary>
/// In-memory session store for the web front end. Request threads call
/// <see cref="Create"/>, <see cref="Touch"/> and <see cref="Remove"/> concurrently;
/// idle sessions are swept once a minute.
/// </summary>
public sealed class SessionStore : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _idleTimeout;
    private readonly Timer _sweeper;

    public SessionStore(TimeSpan idleTimeout)
    {
        _idleTimeout = idleTimeout;
        _sweeper = new Timer(_ => SweepExpired(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public Session Create(string userName)
    {
        var session = new Session(Guid.NewGuid().ToString("N"), userName, DateTime.UtcNow);
        lock (_sync)
        {
            _sessions.Add(session.Id, session);
        }
        return session;
    }

    public bool Touch(string id)
    {
        lock (_sync)
        {
            if (!_sessions.TryGetValue(id, out var session))
            {
                return false;
            }

            session.LastSeenUtc = DateTime.UtcNow;
            return true;
        }
    }

    public void Remove(string id)
    {
        lock (_sync)
        {
            _sessions.Remove(id);
        }
    }

    private void SweepExpired()
    {
        var cutoff = DateTime.UtcNow - _idleTimeout;
        var expired = new List<string>();

        foreach (var pair in _sessions)
        {
            if (pair.Value.LastSeenUtc < cutoff)
            {
                expired.Add(pair.Key);
            }
        }

        if (expired.Count == 0)
        {
            return;
        }

        lock (_sync)
        {
            foreach (var id in expired)
            {
                _sessions.Remove(id);
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
