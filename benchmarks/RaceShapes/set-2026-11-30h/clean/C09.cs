using System.Net;

namespace Blind8.Http.Policies;

/// <summary>
/// Retries transient failures with jittered exponential back-off and trips a
/// breaker after repeated failures. Sits in the pipeline of a named client, so
/// one instance handles every request sent through that client.
/// </summary>
public sealed class RetryWithBreakerHandler : DelegatingHandler
{
    private static int s_seed = Environment.TickCount;
    private static readonly ThreadLocal<Random> s_jitter =
        new(() => new Random(Interlocked.Increment(ref s_seed)));

    private readonly object _stateLock = new();
    private readonly int _maxAttempts;
    private readonly int _breakAfter;
    private readonly TimeSpan _breakFor;
    private int _consecutiveFailures;
    private DateTime _openUntilUtc;

    public RetryWithBreakerHandler(int maxAttempts = 3, int breakAfter = 5, TimeSpan? breakFor = null)
    {
        _maxAttempts = maxAttempts;
        _breakAfter = breakAfter;
        _breakFor = breakFor ?? TimeSpan.FromSeconds(20);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (true)
        {
            attempt++;
            EnsureClosed();

            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (!IsTransient(response.StatusCode) || attempt >= _maxAttempts)
                {
                    RecordOutcome(success: !IsTransient(response.StatusCode));
                    return response;
                }

                response.Dispose();
                RecordOutcome(success: false);
            }
            catch (HttpRequestException) when (attempt < _maxAttempts && !cancellationToken.IsCancellationRequested)
            {
                RecordOutcome(success: false);
            }

            var backoff = TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt) + s_jitter.Value!.Next(0, 100));
            await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
        }
    }

    private void EnsureClosed()
    {
        lock (_stateLock)
        {
            var now = DateTime.UtcNow;
            if (now < _openUntilUtc)
            {
                throw new HttpRequestException($"Breaker open until {_openUntilUtc:O}.");
            }
        }
    }

    private void RecordOutcome(bool success)
    {
        lock (_stateLock)
        {
            if (success)
            {
                _consecutiveFailures = 0;
                return;
            }

            _consecutiveFailures++;
            if (_consecutiveFailures >= _breakAfter)
            {
                _openUntilUtc = DateTime.UtcNow + _breakFor;
                _consecutiveFailures = 0;
            }
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
