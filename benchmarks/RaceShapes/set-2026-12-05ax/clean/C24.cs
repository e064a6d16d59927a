using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Blind50.IceRink.Bookings;

/// <summary>Seats left in each public skating session. Registered as a singleton.</summary>
public sealed class SkateSessionInventory
{
    private readonly ReaderWriterLockSlim _rw = new();
    private readonly Dictionary<string, int> _remaining;

    public SkateSessionInventory(IReadOnlyDictionary<string, int> capacities) =>
        _remaining = new Dictionary<string, int>(capacities);

    public bool TryReserve(string session, int skaters)
    {
        _rw.EnterWriteLock();
        try
        {
            if (!_remaining.TryGetValue(session, out var left) || left < skaters)
            {
                return false;
            }

            _remaining[session] = left - skaters;
            return true;
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public void Release(string session, int skaters)
    {
        _rw.EnterWriteLock();
        try
        {
            if (_remaining.TryGetValue(session, out var left))
            {
                _remaining[session] = left + skaters;
            }
        }
        finally
        {
            _rw.ExitWriteLock();
        }
    }

    public int Remaining(string session)
    {
        _rw.EnterReadLock();
        try
        {
            return _remaining.GetValueOrDefault(session);
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }

    public IReadOnlyDictionary<string, int> Snapshot()
    {
        _rw.EnterReadLock();
        try
        {
            return new Dictionary<string, int>(_remaining);
        }
        finally
        {
            _rw.ExitReadLock();
        }
    }
}

/// <summary>Per-request booking cart: collects reservations and rolls them back if payment fails.</summary>
public sealed class BookingCart
{
    private readonly SkateSessionInventory _inventory;
    private readonly List<(string Session, int Skaters)> _held = new();

    public BookingCart(SkateSessionInventory inventory) => _inventory = inventory;

    public bool Hold(string session, int skaters)
    {
        if (!_inventory.TryReserve(session, skaters))
        {
            return false;
        }

        _held.Add((session, skaters));
        return true;
    }

    public int TotalSkaters => _held.Sum(h => h.Skaters);

    public void RollBack()
    {
        foreach (var (session, skaters) in _held)
        {
            _inventory.Release(session, skaters);
        }

        _held.Clear();
    }
}

public interface IPaymentGateway
{
    Task<bool> ChargeAsync(string customer, decimal amount, CancellationToken cancellationToken);
}

public sealed record BookingRequest(string Customer, Dictionary<string, int> Sessions);

public static class RinkBookingEndpoints
{
    public static IServiceCollection AddRinkBookings(this IServiceCollection services, IReadOnlyDictionary<string, int> capacities)
    {
        services.AddSingleton(new SkateSessionInventory(capacities));
        services.AddScoped<BookingCart>();
        return services;
    }

    public static IEndpointRouteBuilder MapRinkBookings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sessions", (SkateSessionInventory inventory) => Results.Ok(inventory.Snapshot()));

        app.MapPost("/bookings", async (BookingRequest request, BookingCart cart, IPaymentGateway payments, CancellationToken ct) =>
        {
            foreach (var (session, skaters) in request.Sessions)
            {
                if (!cart.Hold(session, skaters))
                {
                    cart.RollBack();
                    return Results.Conflict($"Not enough places left in {session}");
                }
            }

            var paid = await payments.ChargeAsync(request.Customer, cart.TotalSkaters * 9.50m, ct);
            if (!paid)
            {
                cart.RollBack();
                return Results.StatusCode(StatusCodes.Status402PaymentRequired);
            }

            return Results.Ok(new { request.Customer, Skaters = cart.TotalSkaters });
        });

        return app;
    }
}
