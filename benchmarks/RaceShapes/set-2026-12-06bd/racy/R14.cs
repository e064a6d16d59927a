using System.Net;

namespace Blind56.RollerRink.Bookings;

/// <summary>
/// Retries calls to the rink's session-booking provider with exponential backoff and
/// a little jitter so that the front desk tills do not all retry in lockstep.
/// A single handler instance sits in the named HttpClient pipeline used by every request.
/// </summary>
public sealed class JitteredRetryHandler : DelegatingHandler
{
    private static readonly HttpStatusCode[] Transient =
    {
        HttpStatusCode.RequestTimeout,
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    };

    private readonly Random _jitter = new();
    private readonly int _maxRetries;
    private readonly TimeSpan _baseDelay;

    public JitteredRetryHandler(int maxRetries = 3, TimeSpan? baseDelay = null)
    {
        _maxRetries = maxRetries;
        _baseDelay = baseDelay ?? TimeSpan.FromMilliseconds(200);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < _maxRetries)
            {
                await Task.Delay(NextDelay(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (attempt >= _maxRetries || Array.IndexOf(Transient, response.StatusCode) < 0)
            {
                return response;
            }

            TimeSpan delay = response.Headers.RetryAfter?.Delta ?? NextDelay(attempt);
            response.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan NextDelay(int attempt)
    {
        double backoffMs = _baseDelay.TotalMilliseconds * Math.Pow(2, attempt);
        double jitterMs = _jitter.NextDouble() * backoffMs * 0.25;
        return TimeSpan.FromMilliseconds(backoffMs + jitterMs);
    }
}

public sealed class SessionBookingClient
{
    private readonly HttpClient _http;

    public SessionBookingClient(HttpClient http) => _http = http;

    public async Task<bool> BookAsync(string sessionId, int skaters, CancellationToken ct)
    {
        using var content = new StringContent($"{{\"session\":\"{sessionId}\",\"skaters\":{skaters}}}", System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("bookings", content, ct).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    public static HttpClient Create(Uri baseAddress) =>
        new(new JitteredRetryHandler { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = baseAddress };
}
