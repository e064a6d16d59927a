namespace Resilience.Retry;

public sealed class RetryOptions
{
    public int MaxAttempts { get; init; } = 5;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Retry policy with exponential backoff and full jitter. A single policy instance is
/// shared by all callers, so the jitter source is kept per thread.
/// </summary>
public sealed class JitteredRetryPolicy : IDisposable
{
    private readonly RetryOptions _options;
    private readonly ThreadLocal<Random> _random;

    public JitteredRetryPolicy(RetryOptions options)
    {
        _options = options;
        _random = new ThreadLocal<Random>(() => new Random(Environment.CurrentManagedThreadId ^ Environment.TickCount));
    }

    public async Task<T> ExecuteAsync<T>(Func<int, CancellationToken, Task<T>> action, Func<Exception, bool> isTransient, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await action(attempt, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < _options.MaxAttempts && isTransient(ex))
            {
                var delay = ComputeDelay(attempt);
                Console.WriteLine($"attempt {attempt} failed ({ex.GetType().Name}); retrying in {delay.TotalMilliseconds:F0} ms");
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan ComputeDelay(int attempt)
    {
        double exponential = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        double capped = Math.Min(exponential, _options.MaxDelay.TotalMilliseconds);
        double jittered = _random.Value!.NextDouble() * capped;
        return TimeSpan.FromMilliseconds(jittered);
    }

    public void Dispose() => _random.Dispose();
}

public static class InventoryClientExample
{
    public static Task<int[]> FetchAllAsync(HttpClient http, JitteredRetryPolicy policy, IEnumerable<Uri> uris, CancellationToken ct)
    {
        return Task.WhenAll(uris.Select(uri => policy.ExecuteAsync(
            async (attempt, token) =>
            {
                var body = await http.GetStringAsync(uri, token).ConfigureAwait(false);
                return body.Length;
            },
            ex => ex is HttpRequestException or TimeoutException,
            ct)));
    }
}
