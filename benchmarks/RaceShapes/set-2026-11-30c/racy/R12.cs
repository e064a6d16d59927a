using System.Net;

namespace WingTip.Http.Resilience
{
    /// <summary>
    /// Retries transient HTTP failures with exponential backoff and jitter.
    /// Added to the named HttpClient pipeline, so one handler instance serves
    /// every request sent by that client.
    /// </summary>
    public sealed class RetryWithJitterHandler : DelegatingHandler
    {
        private static readonly Random Jitter = new();

        private readonly int _maxAttempts;
        private readonly TimeSpan _baseDelay;
        private readonly TimeSpan _maxDelay;

        public RetryWithJitterHandler(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
        {
            _maxAttempts = maxAttempts;
            _baseDelay = baseDelay;
            _maxDelay = maxDelay;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                HttpResponseMessage? response = null;
                try
                {
                    response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    if (!IsTransient(response.StatusCode) || attempt >= _maxAttempts)
                    {
                        return response;
                    }
                }
                catch (HttpRequestException) when (attempt < _maxAttempts)
                {
                    // fall through to the delay below
                }

                var delay = ComputeDelay(attempt, response);
                response?.Dispose();
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        private TimeSpan ComputeDelay(int attempt, HttpResponseMessage? response)
        {
            if (response?.Headers.RetryAfter?.Delta is { } retryAfter)
            {
                return retryAfter < _maxDelay ? retryAfter : _maxDelay;
            }

            var exponential = _baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
            var capped = Math.Min(exponential, _maxDelay.TotalMilliseconds);
            var jittered = capped / 2 + Jitter.NextDouble() * capped / 2;
            return TimeSpan.FromMilliseconds(jittered);
        }

        private static bool IsTransient(HttpStatusCode status) =>
            status == HttpStatusCode.RequestTimeout
            || status == HttpStatusCode.TooManyRequests
            || (int)status >= 500;
    }
}
