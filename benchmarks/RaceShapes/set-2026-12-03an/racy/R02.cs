namespace Blind40.GlacierGuides.Sessions;

public sealed class GuideSession
{
    private long _lastSeenTicks;

    public GuideSession(string id, string guideName)
    {
        Id = id;
        GuideName = guideName;
        Touch();
    }

    public string Id { get; }
    public string GuideName { get; }

    public DateTime LastSeenUtc => new(Volatile.Read(ref _lastSeenTicks), DateTimeKind.Utc);

    public void Touch() => Volatile.Write(ref _lastSeenTicks, DateTime.UtcNow.Ticks);
}

/// <summary>
/// Keeps the field tablets of guides on the ice logged in. Registered as a singleton;
/// the sync API calls Open, TryGet and Close from many request threads at once.
/// Idle sessions are swept by a background timer.
/// </summary>
public sealed class GuideSessionStore : IDisposable
{
    private readonly Dictionary<string, GuideSession> _sessions = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly TimeSpan _idleTimeout;
    private readonly Timer _sweepTimer;

    public GuideSessionStore(TimeSpan idleTimeout)
    {
        _idleTimeout = idleTimeout;
        _sweepTimer = new Timer(Sweep, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public GuideSession Open(string guideName)
    {
        var session = new GuideSession(Guid.NewGuid().ToString("N"), guideName);
        lock (_gate)
        {
            _sessions[session.Id] = session;
        }
        return session;
    }

    public bool TryGet(string id, out GuideSession? session)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(id, out session))
            {
                session.Touch();
                return true;
            }
            return false;
        }
    }

    public void Close(string id)
    {
        lock (_gate)
        {
            _sessions.Remove(id);
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    private void Sweep(object? state)
    {
        var cutoff = DateTime.UtcNow - _idleTimeout;
        var expired = new List<string>();

        lock (_sessions)
        {
            foreach (var (id, session) in _sessions)
            {
                if (session.LastSeenUtc < cutoff)
                {
                    expired.Add(id);
                }
            }

            foreach (var id in expired)
            {
                _sessions.Remove(id);
            }
        }
    }

    public void Dispose() => _sweepTimer.Dispose();
}
