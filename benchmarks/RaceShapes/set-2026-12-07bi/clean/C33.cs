using System.Collections.Concurrent;

namespace Blind61.SkiLifts.Sessions;

/// <summary>One skier's app session: their current lift queue position and saved runs.</summary>
public sealed class SkierSession
{
    private readonly object _sync = new();
    private readonly List<string> _runsToday = new();
    private string? _queuedAt;
    private DateTimeOffset _lastSeen;

    public SkierSession(string passId, DateTimeOffset now)
    {
        PassId = passId;
        _lastSeen = now;
    }

    public string PassId { get; }

    public void Touch(DateTimeOffset now)
    {
        lock (_sync) _lastSeen = now;
    }

    public bool IdleSince(DateTimeOffset cutoff)
    {
        lock (_sync) return _lastSeen < cutoff;
    }

    public void JoinQueue(string liftId, DateTimeOffset now)
    {
        lock (_sync)
        {
            _queuedAt = liftId;
            _lastSeen = now;
        }
    }

    public void CompleteRide(string run, DateTimeOffset now)
    {
        lock (_sync)
        {
            _queuedAt = null;
            _runsToday.Add(run);
            _lastSeen = now;
        }
    }

    public (string? QueuedAt, IReadOnlyList<string> Runs) Read()
    {
        lock (_sync) return (_queuedAt, _runsToday.ToArray());
    }
}

/// <summary>
/// Per-skier sessions for the resort app's WebSocket hub. Connections for the same pass
/// (phone and watch) share a session. A sweep drops sessions idle for more than an hour.
/// Singleton.
/// </summary>
public sealed class SkierSessionManager
{
    private readonly ConcurrentDictionary<string, SkierSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public SkierSessionManager(TimeProvider clock) => _clock = clock;

    public SkierSession Connect(string passId)
    {
        var now = _clock.GetUtcNow();
        var session = _sessions.GetOrAdd(passId, id => new SkierSession(id, now));
        session.Touch(now);
        return session;
    }

    public bool TryGet(string passId, out SkierSession? session) => _sessions.TryGetValue(passId, out session);

    public int Count => _sessions.Count;

    public int SweepIdle(TimeSpan maxIdle)
    {
        var cutoff = _clock.GetUtcNow() - maxIdle;
        var removed = 0;
        foreach (var pair in _sessions)
        {
            if (pair.Value.IdleSince(cutoff) && _sessions.TryRemove(pair))
                removed++;
        }
        return removed;
    }
}

/// <summary>Handles messages arriving on a skier's socket.</summary>
public sealed class LiftQueueSocketHandler
{
    private readonly SkierSessionManager _sessions;
    private readonly TimeProvider _clock;

    public LiftQueueSocketHandler(SkierSessionManager sessions, TimeProvider clock)
    {
        _sessions = sessions;
        _clock = clock;
    }

    public void OnMessage(string passId, string kind, string value)
    {
        var session = _sessions.Connect(passId);
        var now = _clock.GetUtcNow();
        switch (kind)
        {
            case "queue": session.JoinQueue(value, now); break;
            case "ride": session.CompleteRide(value, now); break;
        }
    }
}
