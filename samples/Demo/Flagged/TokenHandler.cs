using System.Net.Http.Headers;

namespace Demo.Flagged;

/// <summary>
/// Adds a bearer token to every request of the HttpClient it is part of, refreshing it when it expires. HttpClient
/// sends all its requests through one handler, so SendAsync runs for many requests at once: two requests that find
/// the token expired both refresh it, and a third can read the new token with the old expiry (or the reverse).
/// </summary>
public sealed class TokenHandler(Func<CancellationToken, Task<(string Token, TimeSpan Lifetime)>> fetchToken) : DelegatingHandler
{
    private string? _token;
    private DateTime _expiresUtc;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_token is null || DateTime.UtcNow >= _expiresUtc)
        {
            (string token, TimeSpan lifetime) = await fetchToken(cancellationToken);
            _token = token;
            _expiresUtc = DateTime.UtcNow + lifetime; // expect: FL1001
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return await base.SendAsync(request, cancellationToken);
    }
}
