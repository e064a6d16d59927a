namespace Blind8.Http.Resilience;

public sealed class BrokenCircuitException : HttpRequestException
{
    public BrokenCircuitException(TimeSpan retryAfter)
        : base($"Circuit is open; retry after {retryAfter.TotalSeconds:0}s.")
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Message handler that stops calling a failing downstream service for a
/// cool-down period after a run of consecutive failures. Added to the named
/// HttpClient pipeline, so one instance serves all requests of that client.
/// </summary>
public sealed class CircuitBreakerHandler : DelegatingHandler
{
    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;
    private int _consecutiveFailures;
    private long _openUntilTicks;

    public CircuitBreakerHandler(int failureThreshold = 5, TimeSpan? breakDuration = null)
    {
        _failureThreshold = failureThreshold;
        _breakDuration = breakDuration ?? TimeSpan.FromSeconds(30);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var openUntil = Interlocked.Read(ref _openUntilTicks);
        var nowTicks = DateTime.UtcNow.Ticks;
        if (nowTicks < openUntil)
        {
            throw new BrokenCircuitException(TimeSpan.FromTicks(openUntil - nowTicks));
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode < 500)
            {
                Volatile.Write(ref _consecutiveFailures, 0);
            }

            return response;
        }
        catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
        {
            _consecutiveFailures++;
            if (Volatile.Read(ref _consecutiveFailures) >= _failureThreshold)
            {
                Interlocked.Exchange(ref _openUntilTicks, DateTime.UtcNow.Add(_breakDuration).Ticks);
                Volatile.Write(ref _consecutiveFailures, 0);
            }

            throw;
        }
    }
}

public static class InventoryClientFactory
{
    public static HttpClient Create(Uri baseAddress)
    {
        var pipeline = new CircuitBreakerHandler(failureThreshold: 3)
        {
            InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };

        return new HttpClient(pipeline) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }
}
