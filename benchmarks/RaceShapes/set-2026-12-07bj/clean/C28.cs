using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.BrassBand.Library
{
    /// <summary>
    /// Client for the music publisher's parts-library API, which allows only a few
    /// concurrent requests per band account. Retries share a budget so that an outage
    /// doesn't turn into a retry storm. Registered as a singleton.
    /// </summary>
    public sealed class PartsLibraryClient
    {
        private readonly HttpClient _http;
        private readonly SemaphoreSlim _concurrency;
        private readonly int _maxRetryTokens;
        private int _retryTokens;
        private long _requests;

        public PartsLibraryClient(HttpClient http, int maxConcurrent = 3, int retryBudget = 20)
        {
            _http = http;
            _concurrency = new SemaphoreSlim(maxConcurrent, maxConcurrent);
            _maxRetryTokens = retryBudget;
            _retryTokens = retryBudget;
        }

        public int RetryTokens => Volatile.Read(ref _retryTokens);

        public long Requests => Interlocked.Read(ref _requests);

        public async Task<byte[]> DownloadPartAsync(string arrangementId, string part, CancellationToken cancellationToken)
        {
            var uri = $"arrangements/{Uri.EscapeDataString(arrangementId)}/parts/{Uri.EscapeDataString(part)}.pdf";
            for (int attempt = 1; ; attempt++)
            {
                await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    Interlocked.Increment(ref _requests);
                    using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        Refill();
                        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if ((int)response.StatusCode < 500 || attempt >= 4 || !TrySpendRetry())
                    {
                        response.EnsureSuccessStatusCode();
                    }
                }
                finally
                {
                    _concurrency.Release();
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }

        private bool TrySpendRetry()
        {
            while (true)
            {
                int tokens = Volatile.Read(ref _retryTokens);
                if (tokens <= 0)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _retryTokens, tokens - 1, tokens) == tokens)
                {
                    return true;
                }
            }
        }

        private void Refill()
        {
            while (true)
            {
                int tokens = Volatile.Read(ref _retryTokens);
                if (tokens >= _maxRetryTokens)
                {
                    return;
                }

                if (Interlocked.CompareExchange(ref _retryTokens, tokens + 1, tokens) == tokens)
                {
                    return;
                }
            }
        }
    }
}
