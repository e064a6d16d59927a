using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blind54.ParkingGarage.Correlation;

/// <summary>Flows the barrier-event correlation id through async calls of one request.</summary>
public static class BarrierCorrelation
{
    private static readonly AsyncLocal<string?> Current = new();

    public static string? Id => Current.Value;

    public static IDisposable Begin(string id)
    {
        var previous = Current.Value;
        Current.Value = id;
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly string? _previous;

        public Restore(string? previous) => _previous = previous;

        public void Dispose() => Current.Value = _previous;
    }
}

/// <summary>Per-request record of barrier actions, registered as a scoped service.</summary>
public sealed class BarrierActionLog
{
    private readonly List<string> _actions = new();

    public void Add(string action) => _actions.Add($"{BarrierCorrelation.Id}: {action}");

    public IReadOnlyList<string> Actions => _actions;
}

/// <summary>Middleware that assigns a correlation id to every barrier request.</summary>
public sealed class BarrierCorrelationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<BarrierCorrelationMiddleware> _logger;

    public BarrierCorrelationMiddleware(RequestDelegate next, ILogger<BarrierCorrelationMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context, BarrierActionLog log)
    {
        var id = context.Request.Headers["X-Barrier-Event"].FirstOrDefault() ?? Guid.NewGuid().ToString("N");
        using (BarrierCorrelation.Begin(id))
        {
            log.Add("received");
            await _next(context);
            log.Add("completed");
            _logger.LogInformation("Barrier request {Id}: {Actions}", id, string.Join(", ", log.Actions));
        }
    }
}

public static class BarrierApi
{
    public static void Configure(WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<BarrierActionLog>();
    }

    public static void Map(WebApplication app)
    {
        app.UseMiddleware<BarrierCorrelationMiddleware>();
        app.MapPost("/barriers/{gate}/open", async (string gate, BarrierActionLog log) =>
        {
            log.Add($"opening {gate}");
            await Task.Delay(50);
            log.Add($"opened {gate}");
            return Results.Ok(new { gate, correlation = BarrierCorrelation.Id });
        });
    }
}
