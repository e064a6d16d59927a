using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Blind59.Bonsai.Orders;

public interface IOrderRequest<TResponse>
{
    string CustomerId { get; }
}

public delegate Task<TResponse> NextStep<TResponse>();

public interface IOrderBehavior<TRequest, TResponse> where TRequest : IOrderRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, NextStep<TResponse> next, CancellationToken ct);
}

/// <summary>
/// Carries the id of the order request currently flowing through the pipeline so log
/// scopes deeper down (stock checks, courier booking) can include it.
/// </summary>
public static class OrderCorrelation
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

/// <summary>
/// Times each nursery order request and keeps running totals for the shop's metrics
/// page. Registered once and shared by every request.
/// </summary>
public sealed class OrderTimingBehavior<TRequest, TResponse> : IOrderBehavior<TRequest, TResponse>
    where TRequest : IOrderRequest<TResponse>
{
    private readonly ILogger _logger;
    private long _requests;
    private long _totalTicks;
    private long _slowRequests;

    public OrderTimingBehavior(ILogger<OrderTimingBehavior<TRequest, TResponse>> logger) => _logger = logger;

    public async Task<TResponse> Handle(TRequest request, NextStep<TResponse> next, CancellationToken ct)
    {
        var correlationId = Guid.NewGuid().ToString("N")[..12];
        using var _ = OrderCorrelation.Begin(correlationId);
        long started = Stopwatch.GetTimestamp();

        try
        {
            return await next().ConfigureAwait(false);
        }
        finally
        {
            long elapsed = Stopwatch.GetTimestamp() - started;
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _totalTicks, elapsed);
            if (elapsed > Stopwatch.Frequency)
            {
                Interlocked.Increment(ref _slowRequests);
                _logger.LogWarning("Order request {Request} for {Customer} ({Correlation}) took {Ms} ms",
                    typeof(TRequest).Name, request.CustomerId, correlationId, elapsed * 1000 / Stopwatch.Frequency);
            }
        }
    }

    public (long Requests, double AverageMs, long Slow) Stats()
    {
        long count = Interlocked.Read(ref _requests);
        long ticks = Interlocked.Read(ref _totalTicks);
        double avg = count == 0 ? 0 : ticks * 1000.0 / Stopwatch.Frequency / count;
        return (count, avg, Interlocked.Read(ref _slowRequests));
    }
}

public sealed record ReserveTree(string CustomerId, string TreeTag) : IOrderRequest<bool>;

public static class NurseryCheckout
{
    public static Task<bool[]> ReserveAllAsync(OrderTimingBehavior<ReserveTree, bool> timing, string customer, IEnumerable<string> tags) =>
        Task.WhenAll(tags.Select(tag =>
            timing.Handle(new ReserveTree(customer, tag), () => Task.FromResult(tag.Length > 0), CancellationToken.None)));
}
