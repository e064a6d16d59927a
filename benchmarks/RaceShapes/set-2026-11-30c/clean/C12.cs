using System.Net;

namespace WingTip.Http.Resilience.Backoff
{
    /// <summary>
    /// Exponential backoff with full jitter for the named "payments" client. The
    /// handler instance is shared by every request sent through that client.
    /// </summary>
    public sealed class JitteredBackoffHandler : DelegatingHandler
    {
        private static readonly ThreadLocal<Random> JitterSource =
            new(() => new Random(HashCode.Combine(Environment.CurrentManagedThreadId, Environment.TickCount64)));

        private readonly int _maxAttempts;
        private readonly TimeSpan _baseDelay;
        private readonly TimeSpan _maxDelay;

        public JitteredBackoffHandler(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
        {
            _maxAttempts = maxAttempts;
            _baseDelay = baseDelay;
            _maxDelay = maxDelay;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var attempt = 0;
            while (true)
            {
                attempt++;
                HttpResponseMessage? response = null;
                try
                {
                    response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode || !ShouldRetry(response.StatusCode) || attempt >= _maxAttempts)
                    {
                        return response;
                    }
                }
                catch (HttpRequestException) when (attempt < _maxAttempts)
                {
                }

                response?.Dispose();
                await Task.Delay(NextDelay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }

        private TimeSpan NextDelay(int attempt)
        {
            var ceiling = Math.Min(_maxDelay.TotalMilliseconds, _baseDelay.TotalMilliseconds * (1 << Math.Min(attempt, 16)));
            var random = JitterSource.Value!;
            return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
        }

        private static bool ShouldRetry(HttpStatusCode status) =>
            status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
    }
}
