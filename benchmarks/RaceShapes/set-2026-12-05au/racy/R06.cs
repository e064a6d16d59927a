using System.Collections.Generic;
using System.Net.Http.Json;

namespace Blind47.Cobblers.Quotes;

public sealed record RepairQuote(string Sku, decimal LabourPrice, decimal PartsPrice, TimeSpan Turnaround);

/// <summary>
/// Fetches repair quotes (resoling, heel blocks, stitching) from the workshop's
/// pricing service and keeps them for the lifetime of the process. Registered with
/// AddSingleton and injected into the booking endpoints.
/// </summary>
public sealed class RepairQuoteService
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, RepairQuote> _quotes = new(StringComparer.OrdinalIgnoreCase);

    public RepairQuoteService(HttpClient http)
    {
        _http = http;
    }

    public async Task<RepairQuote> GetQuoteAsync(string sku, CancellationToken ct)
    {
        if (_quotes.TryGetValue(sku, out var cached))
        {
            return cached;
        }

        var quote = await _http.GetFromJsonAsync<RepairQuote>($"pricing/{Uri.EscapeDataString(sku)}", ct)
                    ?? throw new InvalidOperationException($"No price for {sku}.");

        _quotes[sku] = quote;
        return quote;
    }

    public async Task<decimal> EstimateOrderAsync(IEnumerable<string> skus, CancellationToken ct)
    {
        var total = 0m;
        foreach (var sku in skus)
        {
            var q = await GetQuoteAsync(sku, ct);
            total += q.LabourPrice + q.PartsPrice;
        }

        return total;
    }
}

public static class RepairQuoteEndpoints
{
    /// <summary>Maps the quote endpoints used by the shop counter tablets.</summary>
    public static void MapRepairQuotes(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
    {
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/quotes/{sku}",
            async (string sku, RepairQuoteService quotes, CancellationToken ct) => await quotes.GetQuoteAsync(sku, ct));

        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(app, "/quotes/estimate",
            async (string[] skus, RepairQuoteService quotes, CancellationToken ct) => new { Total = await quotes.EstimateOrderAsync(skus, ct) });
    }
}
