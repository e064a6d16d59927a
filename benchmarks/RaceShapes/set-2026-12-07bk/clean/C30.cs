namespace Blind63.BalloonMeet.Registration;

/// <summary>
/// Retry budget shared by every outgoing call to the federation's pilot
/// licence service. Retries are allowed only while they stay under a fixed
/// fraction of first attempts, so an outage cannot multiply the load.
/// </summary>
public sealed class RetryBudget
{
    private readonly double _ratio;
    private readonly int _minRetries;
    private long _attempts;
    private long _retries;

    public RetryBudget(double ratio, int minRetries)
    {
        _ratio = ratio;
        _minRetries = minRetries;
    }

    public void RecordAttempt() => Interlocked.Increment(ref _attempts);

    public bool TryConsumeRetry()
    {
        while (true)
        {
            long retries = Interlocked.Read(ref _retries);
            long allowed = Math.Max(_minRetries, (long)(Interlocked.Read(ref _attempts) * _ratio));
            if (retries >= allowed)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _retries, retries + 1, retries) == retries)
            {
                return true;
            }
        }
    }

    /// <summary>Called once a minute by the budget timer to start a fresh window.</summary>
    public (long Attempts, long Retries) Reset() =>
        (Interlocked.Exchange(ref _attempts, 0), Interlocked.Exchange(ref _retries, 0));
}

public sealed class LicenceRetryHandler : DelegatingHandler
{
    /// <summary>Set by callers making non-idempotent calls for the rest of their async flow.</summary>
    public static readonly AsyncLocal<bool> SuppressRetries = new();

    private readonly RetryBudget _budget;
    private readonly int _maxRetries;

    public LicenceRetryHandler(RetryBudget budget, int maxRetries)
    {
        _budget = budget;
        _maxRetries = maxRetries;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _budget.RecordAttempt();
        var response = await base.SendAsync(request, cancellationToken);

        if (SuppressRetries.Value)
        {
            return response;
        }

        for (int attempt = 1; attempt <= _maxRetries && IsTransient(response); attempt++)
        {
            if (!_budget.TryConsumeRetry())
            {
                break;
            }
            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            response = await base.SendAsync(request, cancellationToken);
        }

        return response;
    }

    private static bool IsTransient(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500 || response.StatusCode == System.Net.HttpStatusCode.TooManyRequests;
}

public sealed class RetryBudgetWindow : IDisposable
{
    private readonly Timer _timer;

    public RetryBudgetWindow(RetryBudget budget) =>
        _timer = new Timer(_ => budget.Reset(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    public void Dispose() => _timer.Dispose();
}
