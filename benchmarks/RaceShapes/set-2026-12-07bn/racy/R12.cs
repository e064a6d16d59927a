using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind66.YurtRentals.Booking;

/// <summary>A guest's in-progress booking before checkout.</summary>
public sealed class BookingSession
{
    public BookingSession(string userId) => UserId = userId;

    public string UserId { get; }
    public List<DateOnly> Nights { get; } = new();
}

/// <summary>
/// Holds booking sessions per signed-in user. Registered as a singleton; the booking
/// endpoints call it for every request, and a guest often has the calendar open in several tabs.
/// </summary>
public sealed class BookingSessionStore
{
    private const int MaxNights = 21;
    private readonly ConcurrentDictionary<string, BookingSession> _sessions = new(StringComparer.Ordinal);

    public BookingSession GetOrStart(string userId) =>
        _sessions.GetOrAdd(userId, static id => new BookingSession(id));

    public bool AddNight(string userId, DateOnly night)
    {
        var session = GetOrStart(userId);
        if (session.Nights.Count >= MaxNights || session.Nights.Contains(night))
        {
            return false;
        }

        session.Nights.Add(night);
        session.Nights.Sort();
        return true;
    }

    public DateOnly[] Nights(string userId) =>
        _sessions.TryGetValue(userId, out var session) ? session.Nights.ToArray() : Array.Empty<DateOnly>();

    public bool Abandon(string userId) => _sessions.TryRemove(userId, out _);
}

public static class BookingEndpoints
{
    public static IEndpointRouteBuilder MapBookingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/booking").RequireAuthorization();

        group.MapPost("/nights/{night}", (DateOnly night, HttpContext http, BookingSessionStore store) =>
        {
            var userId = http.User.Identity?.Name ?? throw new InvalidOperationException("Not signed in.");
            return store.AddNight(userId, night) ? Results.Ok(store.Nights(userId)) : Results.Conflict();
        });

        group.MapGet("/nights", (HttpContext http, BookingSessionStore store) =>
            Results.Ok(store.Nights(http.User.Identity?.Name ?? string.Empty)));

        group.MapDelete("/", (HttpContext http, BookingSessionStore store) =>
            store.Abandon(http.User.Identity?.Name ?? string.Empty) ? Results.NoContent() : Results.NotFound());

        return app;
    }
}
