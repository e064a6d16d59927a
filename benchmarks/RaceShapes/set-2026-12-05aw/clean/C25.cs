using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KayakRentals.Pricing;

/// <summary>Per-request information about the rental desk making the call.</summary>
public sealed class DeskContext
{
    private static readonly AsyncLocal<DeskContext?> CurrentSlot = new();

    public DeskContext(string deskId, string lake)
    {
        DeskId = deskId;
        Lake = lake;
    }

    public string DeskId { get; }
    public string Lake { get; }

    public static DeskContext? Current
    {
        get => CurrentSlot.Value;
        set => CurrentSlot.Value = value;
    }
}

/// <summary>Reads the desk headers and makes them available for the rest of the request.</summary>
public sealed class DeskContextMiddleware
{
    private readonly RequestDelegate _next;

    public DeskContextMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext http)
    {
        var desk = http.Request.Headers["X-Desk"].FirstOrDefault() ?? "web";
        var lake = http.Request.Headers["X-Lake"].FirstOrDefault() ?? "main";
        DeskContext.Current = new DeskContext(desk, lake);
        await _next(http);
    }
}

/// <summary>
/// Builds a rental quote line by line. Registered as a scoped service.
/// </summary>
public sealed class RentalQuoteBuilder
{
    private readonly List<(string Item, decimal Price)> _lines = new();
    private decimal _discountPercent;

    public void AddBoat(string boatType, int hours)
    {
        decimal hourly = boatType switch
        {
            "single" => 18m,
            "tandem" => 28m,
            "sup" => 15m,
            _ => 20m,
        };
        _lines.Add(($"{boatType} x {hours}h", hourly * hours));
    }

    public void AddExtra(string item, decimal price) => _lines.Add((item, price));

    public void ApplyDeskDiscount()
    {
        var desk = DeskContext.Current;
        _discountPercent = desk?.DeskId.StartsWith("club-", StringComparison.Ordinal) == true ? 10m : 0m;
    }

    public object Build() => new
    {
        desk = DeskContext.Current?.DeskId,
        lines = _lines.Select(l => new { l.Item, l.Price }).ToList(),
        total = Math.Round(_lines.Sum(l => l.Price) * (1 - _discountPercent / 100m), 2),
    };
}

public static class QuoteEndpoints
{
    public static IEndpointRouteBuilder MapRentalQuotes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/quote", async (string boat, int hours, bool paddleLeash, RentalQuoteBuilder quote,
            CancellationToken ct) =>
        {
            quote.AddBoat(boat, hours);
            if (paddleLeash)
            {
                quote.AddExtra("paddle leash", 3m);
            }
            await Task.Delay(5, ct);
            quote.ApplyDeskDiscount();
            return Results.Ok(quote.Build());
        });
        return app;
    }
}
