using System.Net;

namespace Blind50.Ferries.Timetables;

/// <summary>
/// Client for the harbour authority's berth API. The API allows only a few concurrent
/// calls per operator, so calls are throttled and transient failures are retried with backoff.
/// Registered as a singleton and used by every ticketing and boarding request.
/// </summary>
public sealed class BerthApiClient
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _throttle;
    private readonly int _maxAttempts;
    private int _attempt;
    private long _throttledCalls;

    public BerthApiClient(HttpClient http, int maxConcurrent = 4, int maxAttempts = 3)
    {
        _http = http;
        _throttle = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _maxAttempts = maxAttempts;
    }

    public long ThrottledCalls => Interlocked.Read(ref _throttledCalls);

    public async Task<string> GetBerthAsync(string vesselId, DateOnly sailingDate, CancellationToken cancellationToken)
    {
        if (!_throttle.Wait(0))
        {
            Interlocked.Increment(ref _throttledCalls);
            await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            _attempt = 0;
            while (true)
            {
                _attempt++;
                using var response = await _http.GetAsync(
                    $"berths/{vesselId}?date={sailingDate:yyyy-MM-dd}", cancellationToken).ConfigureAwait(false);

                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                }

                var transient = response.StatusCode is HttpStatusCode.TooManyRequests
                    or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
                if (!transient || _attempt >= _maxAttempts)
                {
                    throw new HttpRequestException($"Berth lookup for {vesselId} failed with {(int)response.StatusCode}");
                }

                var delay = TimeSpan.FromMilliseconds(200 * Math.Pow(2, _attempt));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _throttle.Release();
        }
    }
}

/// <summary>Boarding gate screen: shows which berth each departing ferry uses.</summary>
public sealed class GateBoard
{
    private readonly BerthApiClient _client;

    public GateBoard(BerthApiClient client) => _client = client;

    public async Task<IReadOnlyList<string>> BuildAsync(IEnumerable<string> vessels, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        var lookups = vessels.Select(async v => $"{v}: {await _client.GetBerthAsync(v, today, cancellationToken)}");
        return await Task.WhenAll(lookups);
    }
}
