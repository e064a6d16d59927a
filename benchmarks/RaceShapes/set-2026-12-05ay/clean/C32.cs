using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Blind51.EscapeRooms.Api;

/// <summary>
/// Per-request context for the escape room booking API. Registered as scoped: one instance
/// per HTTP request, filled in by the middleware and read by the endpoint of that request.
/// </summary>
public sealed class GameRequestContext
{
    public string? VenueCode { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public int HintsUsedSoFar { get; set; }
}

/// <summary>
/// Fastest completion times per room. Registered as a singleton and called from every
/// concurrent request.
/// </summary>
public sealed class RoomLeaderboard
{
    private readonly object _lock = new();
    private readonly Dictionary<string, SortedList<TimeSpan, string>> _byRoom = new(StringComparer.OrdinalIgnoreCase);
    private long _submissions;

    public long Submissions => Interlocked.Read(ref _submissions);

    public int Submit(string room, string team, TimeSpan time)
    {
        Interlocked.Increment(ref _submissions);
        lock (_lock)
        {
            if (!_byRoom.TryGetValue(room, out var times))
                _byRoom[room] = times = new SortedList<TimeSpan, string>();

            while (times.ContainsKey(time)) time += TimeSpan.FromMilliseconds(1);
            times.Add(time, team);
            if (times.Count > 10) times.RemoveAt(times.Count - 1);
            return times.IndexOfKey(time) + 1;
        }
    }

    public IReadOnlyList<string> Top(string room)
    {
        lock (_lock)
        {
            return _byRoom.TryGetValue(room, out var times)
                ? times.Select(kv => $"{kv.Value} {kv.Key:mm\\:ss}").ToList()
                : new List<string>();
        }
    }
}

/// <summary>
/// Reads the venue header into the request's <see cref="GameRequestContext"/>.
/// </summary>
public sealed class VenueContextMiddleware
{
    private readonly RequestDelegate _next;

    public VenueContextMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext http, GameRequestContext context)
    {
        context.VenueCode = http.Request.Headers["X-Venue"].FirstOrDefault() ?? "main";
        context.ReceivedAt = DateTimeOffset.UtcNow;
        if (int.TryParse(http.Request.Headers["X-Hints"].FirstOrDefault(), out var hints))
            context.HintsUsedSoFar = hints;

        await _next(http);
    }
}

public static class EscapeRoomEndpoints
{
    public static IServiceCollection AddEscapeRoomApi(this IServiceCollection services) =>
        services.AddSingleton<RoomLeaderboard>().AddScoped<GameRequestContext>();

    public static IEndpointRouteBuilder MapEscapeRoomApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/rooms/{room}/completions", (string room, string team, int seconds, GameRequestContext context, RoomLeaderboard board) =>
        {
            var penalty = TimeSpan.FromMinutes(context.HintsUsedSoFar);
            var rank = board.Submit($"{context.VenueCode}/{room}", team, TimeSpan.FromSeconds(seconds) + penalty);
            return Results.Ok(new { rank, received = context.ReceivedAt });
        });

        endpoints.MapGet("/rooms/{room}/leaderboard", (string room, GameRequestContext context, RoomLeaderboard board) =>
            Results.Ok(board.Top($"{context.VenueCode}/{room}")));

        return endpoints;
    }

    public static IApplicationBuilder UseEscapeRoomContext(this IApplicationBuilder app) =>
        app.UseMiddleware<VenueContextMiddleware>();
}
