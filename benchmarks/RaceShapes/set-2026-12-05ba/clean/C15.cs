using System.Collections.Concurrent;

namespace Blind53.ChessClubs.Sessions;

public sealed record PlayerSession(string Id, string Member, DateTime ExpiresAtUtc, int Moves);

/// <summary>
/// Online-play sessions with sliding expiry. Registered as a singleton: every move request
/// touches its session and a timer removes expired sessions.
/// </summary>
public sealed class PlayerSessionStore : IDisposable
{
    private readonly ConcurrentDictionary<string, PlayerSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _sliding;
    private readonly TimeProvider _clock;
    private readonly ITimer _sweeper;

    public PlayerSessionStore(TimeSpan sliding, TimeProvider clock)
    {
        _sliding = sliding;
        _clock = clock;
        _sweeper = clock.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public PlayerSession Start(string member)
    {
        var session = new PlayerSession(Guid.NewGuid().ToString("N"), member, Now + _sliding, 0);
        _sessions[session.Id] = session;
        return session;
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Extends the session and counts one move. Returns null if it has expired.</summary>
    public PlayerSession? Touch(string id)
    {
        while (true)
        {
            if (!_sessions.TryGetValue(id, out var current))
            {
                return null;
            }

            var now = Now;
            if (current.ExpiresAtUtc < now)
            {
                _sessions.TryRemove(new KeyValuePair<string, PlayerSession>(id, current));
                return null;
            }

            var touched = current with { ExpiresAtUtc = now + _sliding, Moves = current.Moves + 1 };
            if (_sessions.TryUpdate(id, touched, current))
            {
                return touched;
            }
        }
    }

    public int Sweep()
    {
        var now = Now;
        int removed = 0;
        foreach (var entry in _sessions)
        {
            if (entry.Value.ExpiresAtUtc < now && _sessions.TryRemove(entry))
            {
                removed++;
            }
        }

        return removed;
    }

    public void Dispose() => _sweeper.Dispose();
}
