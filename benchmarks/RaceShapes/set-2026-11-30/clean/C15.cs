namespace Blind.C15;

/// <summary>
/// Exponential back-off retry policy. Configured once at start-up and then shared
/// by every outgoing call.
/// </summary>
public sealed class RetryPolicy
{
    private int _maxAttempts;
    private TimeSpan _baseDelay;
    private TimeSpan _maxDelay;
    private readonly HashSet<int> _retryableStatusCodes;

    public RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, IEnumerable<int> retryableStatusCodes)
    {
        if (maxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxAttempts));
        }

        _maxAttempts = maxAttempts;
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
        _retryableStatusCodes = new HashSet<int>(retryableStatusCodes);
    }

    public int MaxAttempts => _maxAttempts;

    public bool ShouldRetry(int attempt, int statusCode) =>
        attempt < _maxAttempts && _retryableStatusCodes.Contains(statusCode);

    public TimeSpan DelayFor(int attempt)
    {
        double factor = Math.Pow(2, attempt - 1);
        var delay = TimeSpan.FromMilliseconds(_baseDelay.TotalMilliseconds * factor);
        return delay > _maxDelay ? _maxDelay : delay;
    }
}

public sealed class ResilientClient
{
    private readonly HttpClient _http;
    private readonly RetryPolicy _policy;

    public ResilientClient(HttpClient http, RetryPolicy policy)
    {
        _http = http;
        _policy = policy;
    }

    public Task<int[]> GetStatusesAsync(IEnumerable<Uri> urls, CancellationToken ct) =>
        Task.WhenAll(urls.Select(u => GetStatusAsync(u, ct)));

    private async Task<int> GetStatusAsync(Uri url, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var response = await _http.GetAsync(url, ct).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || !_policy.ShouldRetry(attempt, status))
            {
                return status;
            }

            await Task.Delay(_policy.DelayFor(attempt), ct).ConfigureAwait(false);
        }
    }
}
