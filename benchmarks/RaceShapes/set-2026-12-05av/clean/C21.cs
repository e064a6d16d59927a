using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind48.DogGrooming.Kiosk;

public sealed record GroomingSession(string SessionId, string OwnerName, string DogName, DateTimeOffset ExpiresAt);

/// <summary>
/// Check-in kiosk sessions for the grooming salon, with sliding expiry.
/// Registered as a singleton; the kiosk endpoints and the sweep timer use it
/// concurrently.
/// </summary>
public sealed class KioskSessionStore : IDisposable
{
    private static readonly TimeSpan SlidingWindow = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, GroomingSession> _sessions = new(StringComparer.Ordinal);
    private readonly Timer _sweeper;

    public KioskSessionStore()
    {
        _sweeper = new Timer(_ => Sweep(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public GroomingSession Start(string ownerName, string dogName)
    {
        var session = new GroomingSession(Guid.NewGuid().ToString("N"), ownerName, dogName, DateTimeOffset.UtcNow + SlidingWindow);
        _sessions[session.SessionId] = session;
        return session;
    }

    public GroomingSession? Touch(string sessionId)
    {
        while (_sessions.TryGetValue(sessionId, out var current))
        {
            var now = DateTimeOffset.UtcNow;
            if (current.ExpiresAt <= now)
            {
                _sessions.TryRemove(new KeyValuePair<string, GroomingSession>(sessionId, current));
                return null;
            }

            var refreshed = current with { ExpiresAt = now + SlidingWindow };
            if (_sessions.TryUpdate(sessionId, refreshed, current))
            {
                return refreshed;
            }
        }

        return null;
    }

    public void End(string sessionId) => _sessions.TryRemove(sessionId, out _);

    private void Sweep()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var kv in _sessions)
        {
            if (kv.Value.ExpiresAt <= now)
            {
                _sessions.TryRemove(kv);
            }
        }
    }

    public void Dispose() => _sweeper.Dispose();
}

public static class KioskEndpoints
{
    public static IEndpointRouteBuilder MapKioskSessions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/kiosk/sessions", (KioskSessionStore store, string owner, string dog) =>
            Results.Ok(store.Start(owner, dog)));

        app.MapPost("/kiosk/sessions/{id}/touch", (KioskSessionStore store, string id) =>
            store.Touch(id) is { } s ? Results.Ok(s) : Results.NotFound());

        app.MapDelete("/kiosk/sessions/{id}", (KioskSessionStore store, string id) =>
        {
            store.End(id);
            return Results.NoContent();
        });

        return app;
    }
}
