using System.Collections.Concurrent;

namespace Blind38.TeaBlending.Tastings;

/// <summary>
/// One visitor's tasting at the blending-room counter.
/// </summary>
public sealed class TastingSession
{
    public TastingSession(string id)
    {
        Id = id;
    }

    public string Id { get; }

    public object Sync { get; } = new();

    public List<string> BlendsTasted { get; } = new();

    public DateTime LastSeenUtc { get; set; } = DateTime.UtcNow;

    public int CupsPoured { get; set; }
}

/// <summary>
/// In-memory store of tasting sessions. Registered as an app-wide singleton; the
/// counter tablets and the kiosk API call its members concurrently from request threads.
/// </summary>
public sealed class TastingSessionStore
{
    private readonly ConcurrentDictionary<string, TastingSession> _sessions = new();
    private readonly TimeSpan _idleTimeout;

    public TastingSessionStore(TimeSpan idleTimeout)
    {
        _idleTimeout = idleTimeout;
    }

    public TastingSession GetOrStart(string sessionId) =>
        _sessions.GetOrAdd(sessionId, static id => new TastingSession(id));

    public void RecordPour(string sessionId, string blend)
    {
        var session = GetOrStart(sessionId);
        lock (session.Sync)
        {
            session.BlendsTasted.Add(blend);
            session.LastSeenUtc = DateTime.UtcNow;
        }

        session.CupsPoured++;
    }

    public (int Cups, string[] Blends) Summarize(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
        {
            return (0, Array.Empty<string>());
        }

        lock (session.Sync)
        {
            return (session.CupsPoured, session.BlendsTasted.Distinct().ToArray());
        }
    }

    public int EvictIdle()
    {
        var cutoff = DateTime.UtcNow - _idleTimeout;
        var evicted = 0;
        foreach (var pair in _sessions)
        {
            bool idle;
            lock (pair.Value.Sync)
            {
                idle = pair.Value.LastSeenUtc < cutoff;
            }

            if (idle && _sessions.TryRemove(pair))
            {
                evicted++;
            }
        }

        return evicted;
    }
}
