using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Blind52.Bookbinding.Orders;

public sealed record BindingOrder(string Customer, string Style, int Copies, string? JobId = null);

/// <summary>
/// Carries the bindery job id through the async flow of a request.
/// </summary>
public static class BinderyJobContext
{
    private static readonly AsyncLocal<string?> CurrentJob = new();

    public static string? JobId => CurrentJob.Value;

    internal static void Set(string jobId) => CurrentJob.Value = jobId;
}

/// <summary>
/// Reads or assigns the X-Bindery-Job header for every request.
/// </summary>
public sealed class BinderyJobMiddleware
{
    private readonly RequestDelegate _next;

    public BinderyJobMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        var jobId = context.Request.Headers["X-Bindery-Job"].FirstOrDefault() ?? Guid.NewGuid().ToString("N");
        BinderyJobContext.Set(jobId);
        context.Response.Headers["X-Bindery-Job"] = jobId;
        await _next(context);
    }
}

/// <summary>
/// Orders waiting for the sewing frames. Registered as a singleton; the order
/// endpoints enqueue, the workshop's job runner dequeues.
/// </summary>
public sealed class BindingOrderQueue
{
    private readonly ConcurrentQueue<BindingOrder> _orders = new();
    private int _accepted;

    public int Accept(BindingOrder order)
    {
        _orders.Enqueue(order with { JobId = BinderyJobContext.JobId });
        return Interlocked.Increment(ref _accepted);
    }

    public bool TryNext(out BindingOrder? order) => _orders.TryDequeue(out order);

    public int Accepted => Volatile.Read(ref _accepted);

    public int Waiting => _orders.Count;
}

/// <summary>
/// Per-request helper that validates an order; one instance per request scope.
/// </summary>
public sealed class OrderIntake
{
    private int _warnings;

    public bool Validate(BindingOrder order)
    {
        if (order.Copies > 500)
        {
            _warnings++;
        }

        return order.Copies > 0 && !string.IsNullOrWhiteSpace(order.Customer);
    }

    public int Warnings => _warnings;
}

public static class BindingOrderEndpoints
{
    public static IEndpointRouteBuilder MapBindingOrders(this IEndpointRouteBuilder app)
    {
        app.MapPost("/orders", (BindingOrder order, BindingOrderQueue queue, OrderIntake intake) =>
        {
            if (!intake.Validate(order))
            {
                return Results.BadRequest();
            }

            int position = queue.Accept(order);
            return Results.Accepted($"/orders/{position}", new { position, job = BinderyJobContext.JobId, warnings = intake.Warnings });
        });

        app.MapGet("/orders/stats", (BindingOrderQueue queue) => Results.Ok(new { accepted = queue.Accepted, waiting = queue.Waiting }));
        return app;
    }

    public static IServiceCollection AddBindery(this IServiceCollection services)
    {
        services.AddSingleton<BindingOrderQueue>();
        services.AddScoped<OrderIntake>();
        return services;
    }

    public static WebApplication UseBindery(this WebApplication app)
    {
        app.UseMiddleware<BinderyJobMiddleware>();
        app.MapBindingOrders();
        return app;
    }
}
