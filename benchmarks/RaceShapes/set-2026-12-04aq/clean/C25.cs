using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Blind43.PlantNursery.Ordering;

/// <summary>Ambient information about the greenhouse customer whose order is being processed.</summary>
public sealed record NurseryRequestContext(string CustomerId, string Greenhouse, string CorrelationId);

/// <summary>
/// Flows the current request context through async calls without passing it everywhere.
/// Each request sees only the value set in its own execution flow.
/// </summary>
public static class NurseryContext
{
    private static readonly AsyncLocal<NurseryRequestContext?> Current = new();

    public static NurseryRequestContext? Value => Current.Value;

    public static IDisposable Begin(NurseryRequestContext context)
    {
        var previous = Current.Value;
        Current.Value = context;
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly NurseryRequestContext? _previous;

        public Restore(NurseryRequestContext? previous) => _previous = previous;

        public void Dispose() => Current.Value = _previous;
    }
}

/// <summary>Middleware that opens a context for every plug-plant order request.</summary>
public sealed class NurseryContextMiddleware
{
    private readonly RequestDelegate _next;

    public NurseryContextMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext http)
    {
        var customer = http.Request.Headers["X-Customer"].ToString();
        var greenhouse = http.Request.Headers["X-Greenhouse"].ToString();
        using (NurseryContext.Begin(new NurseryRequestContext(customer, greenhouse, http.TraceIdentifier)))
        {
            await _next(http);
        }
    }
}

public interface ITrayStock
{
    Task<int> ReserveAsync(string greenhouse, string variety, int trays, CancellationToken ct);
}

/// <summary>Scoped order service; logs with whichever customer the current flow belongs to.</summary>
public sealed class PlugPlantOrderService
{
    private readonly ITrayStock _stock;
    private readonly ILogger<PlugPlantOrderService> _logger;

    public PlugPlantOrderService(ITrayStock stock, ILogger<PlugPlantOrderService> logger)
    {
        _stock = stock;
        _logger = logger;
    }

    public async Task<int> OrderAsync(IReadOnlyDictionary<string, int> traysByVariety, CancellationToken ct)
    {
        var context = NurseryContext.Value ?? throw new InvalidOperationException("No nursery context.");
        var reservations = traysByVariety.Select(async kv =>
        {
            var reserved = await _stock.ReserveAsync(context.Greenhouse, kv.Key, kv.Value, ct).ConfigureAwait(false);
            _logger.LogInformation("[{Correlation}] {Customer}: {Reserved}/{Wanted} trays of {Variety}",
                NurseryContext.Value?.CorrelationId, context.CustomerId, reserved, kv.Value, kv.Key);
            return reserved;
        });

        var totals = await Task.WhenAll(reservations).ConfigureAwait(false);
        return totals.Sum();
    }
}
