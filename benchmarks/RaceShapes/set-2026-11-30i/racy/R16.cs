using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Partner.Client.Auth;

internal sealed record TokenResponse(string access_token, int expires_in);

/// <summary>
/// Adds a client-credentials bearer token to outgoing requests. Registered
/// with AddHttpMessageHandler, so one handler instance serves all requests
/// made through the named HttpClient.
/// </summary>
public sealed class ClientCredentialsHandler : DelegatingHandler
{
    private static readonly TimeSpan RefreshSkew = TimeSpan.FromSeconds(30);

    private readonly HttpClient _tokenClient;
    private readonly Uri _tokenEndpoint;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);

    private volatile string? _accessToken;
    private DateTime _expiresAtUtc;

    public ClientCredentialsHandler(HttpClient tokenClient, Uri tokenEndpoint, string clientId, string clientSecret)
    {
        _tokenClient = tokenClient;
        _tokenEndpoint = tokenEndpoint;
        _clientId = clientId;
        _clientSecret = clientSecret;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = _accessToken;
        if (current != null && DateTime.UtcNow < _expiresAtUtc - RefreshSkew)
        {
            return current;
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _accessToken;
            if (current != null && DateTime.UtcNow < _expiresAtUtc - RefreshSkew)
            {
                return current;
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = _clientId,
                ["client_secret"] = _clientSecret,
            });

            using var response = await _tokenClient.PostAsync(_tokenEndpoint, form, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken: cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Empty token response.");

            _expiresAtUtc = DateTime.UtcNow.AddSeconds(body.expires_in);
            _accessToken = body.access_token;
            return body.access_token;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _refreshLock.Dispose();
        }
        base.Dispose(disposing);
    }
}
