namespace Blind34.Harpsichord.Supplier;

/// <summary>
/// Retry policy used when ordering quills, wire and soundboard spruce from
/// suppliers' APIs. Outcome counters feed the health check.
/// </summary>
public sealed class SupplierRetryPolicy
{
    private static readonly TimeSpan[] DefaultDelays =
    {
        TimeSpan.FromMilliseconds(200),
        TimeSpan.FromMilliseconds(800),
        TimeSpan.FromSeconds(3),
    };

    private readonly IReadOnlyList<TimeSpan> _delays;
    private long _succeeded;
    private long _retried;
    private long _gaveUp;

    public SupplierRetryPolicy(IEnumerable<TimeSpan>? delays = null) =>
        _delays = (delays ?? DefaultDelays).ToArray();

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        var attempt = 0;
        while (true)
        {
            try
            {
                var result = await action(ct).ConfigureAwait(false);
                Interlocked.Increment(ref _succeeded);
                return result;
            }
            catch (HttpRequestException) when (attempt < _delays.Count)
            {
                Interlocked.Increment(ref _retried);
                var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100));
                await Task.Delay(_delays[attempt] + jitter, ct).ConfigureAwait(false);
                attempt++;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _gaveUp);
                throw;
            }
        }
    }

    public (long Succeeded, long Retried, long GaveUp) Outcomes =>
        (Interlocked.Read(ref _succeeded), Interlocked.Read(ref _retried), Interlocked.Read(ref _gaveUp));
}

/// <summary>Health check reporting whether supplier ordering is degraded.</summary>
public sealed class SupplierHealthCheck
{
    private readonly SupplierRetryPolicy _policy;

    public SupplierHealthCheck(SupplierRetryPolicy policy) => _policy = policy;

    public string Check()
    {
        var (ok, retried, failed) = _policy.Outcomes;
        var total = ok + failed;
        if (total == 0)
        {
            return "Healthy: no orders yet";
        }

        var failureRate = (double)failed / total;
        return failureRate switch
        {
            > 0.5 => $"Unhealthy: {failed}/{total} orders failed",
            > 0.1 => $"Degraded: {failed}/{total} orders failed, {retried} retries",
            _ => $"Healthy: {ok} orders placed",
        };
    }

    public Task<string[]> OrderAllAsync(IEnumerable<Func<CancellationToken, Task<string>>> orders, CancellationToken ct) =>
        Task.WhenAll(orders.Select(o => _policy.ExecuteAsync(o, ct)));
}
