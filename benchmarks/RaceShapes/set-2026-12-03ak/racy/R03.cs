namespace Blind37.HedgeLaying.Survey;

public sealed class HedgerowSurveyUnavailableException : Exception
{
    public HedgerowSurveyUnavailableException(TimeSpan retryAfter)
        : base($"Hedgerow survey service unavailable; retry after {retryAfter.TotalSeconds:F0}s.")
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}

/// <summary>
/// Circuit breaker around the county hedgerow survey API. Registered as a singleton and
/// shared by every upload of laid-hedge survey sheets, so one misbehaving endpoint stops
/// all uploads for a while instead of each request timing out on its own.
/// </summary>
public sealed class HedgerowSurveyCircuitBreaker
{
    private readonly int _failureThreshold;
    private readonly TimeSpan _openDuration;
    private int _consecutiveFailures;
    private long _openedAtTicks;

    public HedgerowSurveyCircuitBreaker(int failureThreshold, TimeSpan openDuration)
    {
        _failureThreshold = failureThreshold;
        _openDuration = openDuration;
    }

    public bool IsOpen
    {
        get
        {
            var openedAt = Interlocked.Read(ref _openedAtTicks);
            return openedAt != 0 && DateTime.UtcNow.Ticks - openedAt < _openDuration.Ticks;
        }
    }

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var openedAt = Interlocked.Read(ref _openedAtTicks);
        if (openedAt != 0)
        {
            var elapsed = TimeSpan.FromTicks(DateTime.UtcNow.Ticks - openedAt);
            if (elapsed < _openDuration)
            {
                throw new HedgerowSurveyUnavailableException(_openDuration - elapsed);
            }
        }

        try
        {
            var result = await action(cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _consecutiveFailures, 0);
            Interlocked.Exchange(ref _openedAtTicks, 0);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _consecutiveFailures++;
            if (_consecutiveFailures >= _failureThreshold)
            {
                Interlocked.Exchange(ref _openedAtTicks, DateTime.UtcNow.Ticks);
            }
            throw;
        }
    }
}

/// <summary>Uploads survey sheets with a couple of quick retries in front of the breaker.</summary>
public sealed class SurveySheetUploader
{
    private readonly HttpClient _http;
    private readonly HedgerowSurveyCircuitBreaker _breaker;

    public SurveySheetUploader(HttpClient http, HedgerowSurveyCircuitBreaker breaker)
    {
        _http = http;
        _breaker = breaker;
    }

    public async Task<bool> UploadAsync(string parish, string sheetJson, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _breaker.ExecuteAsync(async ct =>
                {
                    using var content = new StringContent(sheetJson);
                    using var response = await _http.PostAsync($"surveys/{parish}", content, ct).ConfigureAwait(false);
                    response.EnsureSuccessStatusCode();
                    return true;
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < 3)
            {
                var delay = TimeSpan.FromMilliseconds(200 * attempt + Random.Shared.Next(0, 100));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
