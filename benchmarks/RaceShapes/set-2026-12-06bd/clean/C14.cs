using System.Net;

namespace Blind56.MobileLibrary.Sync;

/// <summary>
/// Retry policy for the van's catalogue sync calls over a patchy mobile connection.
/// One handler instance is shared by every request made through the library's HttpClient.
/// </summary>
public sealed class CatalogueSyncRetryHandler : DelegatingHandler
{
    private readonly int _maxAttempts;
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private long _retries;

    public CatalogueSyncRetryHandler(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        _maxAttempts = maxAttempts;
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
    }

    public long RetryCount => Interlocked.Read(ref _retries);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int attempt = 1;
        while (true)
        {
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (attempt >= _maxAttempts || !IsTransient(response.StatusCode))
                {
                    return response;
                }
            }
            catch (HttpRequestException) when (attempt < _maxAttempts)
            {
            }

            response?.Dispose();
            Interlocked.Increment(ref _retries);
            await Task.Delay(DelayFor(attempt), cancellationToken).ConfigureAwait(false);
            attempt++;
        }
    }

    private TimeSpan DelayFor(int attempt)
    {
        // "Full jitter": a random delay between zero and the capped exponential backoff.
        double capMs = Math.Min(_maxDelay.TotalMilliseconds, _baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * capMs);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}

public sealed class CatalogueSyncClient
{
    private readonly HttpClient _http;

    public CatalogueSyncClient(HttpClient http) => _http = http;

    public async Task<int> PushLoansAsync(IReadOnlyList<string> loanRecords, CancellationToken ct)
    {
        int accepted = 0;
        var sends = loanRecords.Select(async record =>
        {
            using var content = new StringContent(record);
            using var response = await _http.PostAsync("loans", content, ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        });

        foreach (bool ok in await Task.WhenAll(sends).ConfigureAwait(false))
        {
            if (ok)
            {
                accepted++;
            }
        }

        return accepted;
    }
}
