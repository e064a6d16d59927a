using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace ChocolateFactory.TenantApi;

public sealed class TenantBusyException : Exception
{
    public TenantBusyException(string tenant) : base($"Too many concurrent requests for {tenant}.") { }
}

/// <summary>
/// Limits concurrent recipe-simulation requests per wholesale customer (tenant) on the
/// factory's partner API. Registered as a singleton; every request goes through it.
/// </summary>
public sealed class TenantThrottle
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _perTenant = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _maxConcurrent;
    private readonly TimeSpan _queueTimeout;
    private long _timedOut;
    private long _abandoned;

    public TenantThrottle(int maxConcurrent, TimeSpan queueTimeout)
    {
        _maxConcurrent = maxConcurrent;
        _queueTimeout = queueTimeout;
    }

    public long TimedOut => Interlocked.Read(ref _timedOut);
    public long Abandoned => Interlocked.Read(ref _abandoned);

    public async Task<T> RunAsync<T>(string tenant, Func<CancellationToken, Task<T>> work, CancellationToken requestAborted)
    {
        var gate = _perTenant.GetOrAdd(tenant, _ => new SemaphoreSlim(_maxConcurrent, _maxConcurrent));

        using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        waitCts.CancelAfter(_queueTimeout);
        using (requestAborted.Register(static state => Interlocked.Increment(ref ((TenantThrottle)state!)._abandoned), this))
        {
            try
            {
                await gate.WaitAsync(waitCts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
            {
                Interlocked.Increment(ref _timedOut);
                throw new TenantBusyException(tenant);
            }
        }

        try
        {
            return await work(requestAborted).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public IReadOnlyDictionary<string, int> FreeSlots() =>
        _perTenant.ToDictionary(kv => kv.Key, kv => kv.Value.CurrentCount, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Endpoint handler that simulates a tempering curve for a customer's recipe.</summary>
public sealed class TemperingSimulationHandler
{
    private readonly TenantThrottle _throttle;

    public TemperingSimulationHandler(TenantThrottle throttle) => _throttle = throttle;

    public async Task<IResult> HandleAsync(HttpContext http, string recipeId)
    {
        string tenant = http.Request.Headers["X-Tenant"].FirstOrDefault() ?? "unknown";
        try
        {
            var curve = await _throttle.RunAsync(tenant, async ct =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
                return new[] { 45.0, 27.0, 31.5 };
            }, http.RequestAborted);
            return Results.Ok(new { recipeId, curve });
        }
        catch (TenantBusyException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status429TooManyRequests);
        }
    }
}
