using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind66.YurtRentals.Basket;

/// <summary>A guest's basket of yurt nights before checkout.</summary>
public sealed class StayBasket
{
    private readonly object _sync = new();
    private readonly SortedSet<DateOnly> _nights = new();

    public StayBasket(string userId) => UserId = userId;

    public string UserId { get; }

    public bool TryAdd(DateOnly night, int maxNights)
    {
        lock (_sync)
        {
            return _nights.Count < maxNights && _nights.Add(night);
        }
    }

    public bool Remove(DateOnly night)
    {
        lock (_sync)
        {
            return _nights.Remove(night);
        }
    }

    public DateOnly[] Snapshot()
    {
        lock (_sync)
        {
            return _nights.ToArray();
        }
    }
}

/// <summary>
/// Baskets per signed-in guest. Registered as a singleton; guests frequently have the
/// availability calendar open in several tabs at once.
/// </summary>
public sealed class StayBasketStore
{
    private const int MaxNights = 21;
    private readonly ConcurrentDictionary<string, StayBasket> _baskets = new(StringComparer.Ordinal);

    public StayBasket For(string userId) => _baskets.GetOrAdd(userId, static id => new StayBasket(id));

    public bool AddNight(string userId, DateOnly night) => For(userId).TryAdd(night, MaxNights);

    public bool RemoveNight(string userId, DateOnly night) =>
        _baskets.TryGetValue(userId, out var basket) && basket.Remove(night);

    public DateOnly[] Nights(string userId) =>
        _baskets.TryGetValue(userId, out var basket) ? basket.Snapshot() : Array.Empty<DateOnly>();
}

public static class BasketEndpoints
{
    public static IEndpointRouteBuilder MapBasketEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/basket").RequireAuthorization();

        group.MapPost("/{night}", (DateOnly night, HttpContext http, StayBasketStore store) =>
        {
            var user = http.User.Identity?.Name ?? throw new InvalidOperationException("Not signed in.");
            return store.AddNight(user, night) ? Results.Ok(store.Nights(user)) : Results.Conflict();
        });

        group.MapDelete("/{night}", (DateOnly night, HttpContext http, StayBasketStore store) =>
            store.RemoveNight(http.User.Identity?.Name ?? string.Empty, night) ? Results.NoContent() : Results.NotFound());

        group.MapGet("/", (HttpContext http, StayBasketStore store) =>
            Results.Ok(store.Nights(http.User.Identity?.Name ?? string.Empty)));

        return app;
    }
}
