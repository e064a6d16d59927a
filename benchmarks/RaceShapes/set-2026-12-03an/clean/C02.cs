namespace Blind40.GlacierGuides.Accounts;

public sealed class TabletSession
{
    public TabletSession(string id, string guide, DateTime openedUtc)
    {
        Id = id;
        Guide = guide;
        LastSeenUtc = openedUtc;
    }

    public string Id { get; }
    public string Guide { get; }

    internal DateTime LastSeenUtc { get; set; }
}

/// <summary>
/// Session store for the guides' field tablets. Singleton; request threads
/// open, look up and close sessions while a timer sweeps idle ones.
/// </summary>
public sealed class TabletSessionStore : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, TabletSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _idleTimeout;
    private readonly Timer _sweeper;

    public TabletSessionStore(TimeSpan idleTimeout)
    {
        _idleTimeout = idleTimeout;
        _sweeper = new Timer(_ => Sweep(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public event Action<IReadOnlyList<string>>? SessionsExpired;

    public TabletSession Open(string guide)
    {
        var session = new TabletSession(Guid.NewGuid().ToString("N"), guide, DateTime.UtcNow);
        lock (_gate)
        {
            _sessions.Add(session.Id, session);
        }
        return session;
    }

    public bool TryTouch(string id)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(id, out var session))
            {
                return false;
            }
            session.LastSeenUtc = DateTime.UtcNow;
            return true;
        }
    }

    public bool Close(string id)
    {
        lock (_gate)
        {
            return _sessions.Remove(id);
        }
    }

    public IReadOnlyList<string> ActiveGuides()
    {
        lock (_gate)
        {
            return _sessions.Values.Select(s => s.Guide).Distinct().ToList();
        }
    }

    private void Sweep()
    {
        var cutoff = DateTime.UtcNow - _idleTimeout;
        List<string> expired;
        lock (_gate)
        {
            expired = _sessions.Values.Where(s => s.LastSeenUtc < cutoff).Select(s => s.Id).ToList();
            foreach (var id in expired)
            {
                _sessions.Remove(id);
            }
        }

        if (expired.Count > 0)
        {
            SessionsExpired?.Invoke(expired);
        }
    }

    public void Dispose() => _sweeper.Dispose();
}
