using System.Collections.Concurrent;

namespace Blind37.Bookbinding.Suppliers;

/// <summary>Backoff state for one supplier endpoint; replaced, never modified.</summary>
public sealed record EndpointBackoff(int ConsecutiveFailures, DateTime NotBeforeUtc);

/// <summary>
/// Retry policy for the bindery's supplier APIs (leather, board, marbled papers). Keeps a
/// backoff per endpoint between calls so that one supplier being down does not cost every
/// stock check its full timeout. Registered as a singleton and used by all stock checks.
/// </summary>
public sealed class SupplierRetryPolicy
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, EndpointBackoff> _backoff = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _maxAttempts;

    public SupplierRetryPolicy(int maxAttempts) => _maxAttempts = maxAttempts;

    public EndpointBackoff? StateFor(string endpoint) => _backoff.GetValueOrDefault(endpoint);

    public async Task<T> ExecuteAsync<T>(string endpoint, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (_backoff.TryGetValue(endpoint, out var state))
            {
                var wait = state.NotBeforeUtc - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }

            try
            {
                var result = await call(cancellationToken).ConfigureAwait(false);
                _backoff.TryRemove(endpoint, out _);
                return result;
            }
            catch (HttpRequestException) when (attempt < _maxAttempts)
            {
                RecordFailure(endpoint);
            }
            catch (HttpRequestException)
            {
                RecordFailure(endpoint);
                throw;
            }
        }
    }

    private void RecordFailure(string endpoint)
    {
        _backoff.AddOrUpdate(
            endpoint,
            static _ => new EndpointBackoff(1, DateTime.UtcNow + Delay(1)),
            static (_, previous) =>
            {
                var failures = previous.ConsecutiveFailures + 1;
                return new EndpointBackoff(failures, DateTime.UtcNow + Delay(failures));
            });
    }

    private static TimeSpan Delay(int failures)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 10));
        var jitter = Random.Shared.NextDouble() * BaseDelay.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, exponential + jitter));
    }
}

/// <summary>Checks stock of binding materials across suppliers.</summary>
public sealed class MaterialStockChecker
{
    private readonly HttpClient _http;
    private readonly SupplierRetryPolicy _retry;

    public MaterialStockChecker(HttpClient http, SupplierRetryPolicy retry)
    {
        _http = http;
        _retry = retry;
    }

    public async Task<IReadOnlyDictionary<string, int>> CheckAsync(string material, IEnumerable<string> suppliers, CancellationToken cancellationToken)
    {
        var counts = await Task.WhenAll(suppliers.Select(async supplier =>
        {
            var body = await _retry.ExecuteAsync(supplier,
                ct => _http.GetStringAsync($"https://{supplier}/stock/{Uri.EscapeDataString(material)}", ct),
                cancellationToken).ConfigureAwait(false);
            return (supplier, int.TryParse(body, out var n) ? n : 0);
        })).ConfigureAwait(false);

        return counts.ToDictionary(c => c.supplier, c => c.Item2);
    }
}
