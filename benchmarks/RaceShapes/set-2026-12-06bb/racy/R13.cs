using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind54.IceCream.Sales;

public sealed record SalesSummary(int Servings, long TotalGrams, int Refunds, long AverageGrams);

/// <summary>
/// Running totals for servings sold at the parlour today, used to plan tomorrow's batches.
/// Registered as a singleton; the tills call <see cref="RecordServing"/> and
/// <see cref="RecordRefund"/>, and the back-room dashboard polls <see cref="GetSummary"/>.
/// </summary>
public sealed class ServingStatistics
{
    private readonly object _lock = new();
    private int _servings;
    private long _totalGrams;
    private int _refunds;

    public void RecordServing(int grams)
    {
        lock (_lock)
        {
            _servings++;
            _totalGrams += grams;
        }
    }

    public void RecordRefund()
    {
        lock (_lock)
        {
            _refunds++;
        }
    }

    public SalesSummary GetSummary()
    {
        var servings = _servings;
        var total = _totalGrams;
        int refunds;
        lock (_lock)
        {
            refunds = _refunds;
        }

        var average = servings == 0 ? 0 : total / servings;
        return new SalesSummary(servings, total, refunds, average);
    }
}

public static class SalesEndpoints
{
    public static IEndpointRouteBuilder MapSalesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/tills/servings/{grams:int}", (int grams, ServingStatistics stats) =>
        {
            stats.RecordServing(grams);
            return Results.Accepted();
        });

        app.MapPost("/tills/refunds", (ServingStatistics stats) =>
        {
            stats.RecordRefund();
            return Results.Accepted();
        });

        app.MapGet("/back-room/summary", (ServingStatistics stats) => Results.Ok(stats.GetSummary()));
        return app;
    }
}
