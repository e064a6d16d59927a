using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Blind50.DivingSchool.Sessions;

public sealed record DiverSession(string Token, string DiverId, string CertificationLevel, DateTime ExpiresUtc);

/// <summary>
/// Logged-in sessions for the dive school's booking site. Registered as a singleton: every
/// request touches its session, and a hosted service sweeps out expired sessions.
/// </summary>
public sealed class DiverSessionStore
{
    private readonly ConcurrentDictionary<string, DiverSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeSpan _slidingExpiry;

    public DiverSessionStore(TimeSpan slidingExpiry) => _slidingExpiry = slidingExpiry;

    public DiverSession Create(string diverId, string level)
    {
        var session = new DiverSession(Convert.ToHexString(Guid.NewGuid().ToByteArray()), diverId, level,
            DateTime.UtcNow + _slidingExpiry);
        _sessions[session.Token] = session;
        return session;
    }

    /// <summary>Returns the session and pushes its expiry forward, or null if it has expired.</summary>
    public DiverSession? Touch(string token)
    {
        while (_sessions.TryGetValue(token, out var current))
        {
            var now = DateTime.UtcNow;
            if (current.ExpiresUtc <= now)
            {
                _sessions.TryRemove(KeyValuePair.Create(token, current));
                return null;
            }

            var renewed = current with { ExpiresUtc = now + _slidingExpiry };
            if (_sessions.TryUpdate(token, renewed, current))
            {
                return renewed;
            }
        }

        return null;
    }

    public void SignOut(string token) => _sessions.TryRemove(token, out _);

    /// <summary>Removes sessions that were already expired when the sweep looked at them.</summary>
    public int SweepExpired()
    {
        var now = DateTime.UtcNow;
        var removed = 0;
        foreach (var pair in _sessions)
        {
            if (pair.Value.ExpiresUtc <= now && _sessions.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }

    public int Count => _sessions.Count;
}

/// <summary>Sweeps the session store every minute.</summary>
public sealed class SessionSweepService : BackgroundService
{
    private readonly DiverSessionStore _store;

    public SessionSweepService(DiverSessionStore store) => _store = store;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var removed = _store.SweepExpired();
            if (removed > 0)
            {
                Console.WriteLine($"Swept {removed} expired diver sessions, {_store.Count} remain");
            }
        }
    }
}
