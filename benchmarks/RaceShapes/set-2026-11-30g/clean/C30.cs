using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Integrations.Auth;

public sealed record TokenResponse(string access_token, int expires_in);

/// <summary>
/// Adds a bearer token to outgoing requests, fetching and caching the token from the
/// identity server. One handler instance serves every request made by the typed client.
/// </summary>
public sealed class ClientCredentialsHandler : DelegatingHandler
{
    private readonly HttpClient _tokenClient;
    private readonly Uri _tokenEndpoint;
    private readonly IReadOnlyDictionary<string, string> _form;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _expiresAt;

    public ClientCredentialsHandler(HttpClient tokenClient, Uri tokenEndpoint, string clientId, string clientSecret, string scope)
    {
        _tokenClient = tokenClient;
        _tokenEndpoint = tokenEndpoint;
        _form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["scope"] = scope
        };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(forceRefresh: false, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
            return response;

        response.Dispose();
        token = await GetTokenAsync(forceRefresh: true, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!forceRefresh && _accessToken is not null && DateTimeOffset.UtcNow < _expiresAt)
                return _accessToken;

            using var content = new FormUrlEncodedContent(_form);
            using var response = await _tokenClient.PostAsync(_tokenEndpoint, content, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();

            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken: cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidOperationException("Token endpoint returned an empty body.");

            _accessToken = body.access_token;
            _expiresAt = DateTimeOffset.UtcNow.AddSeconds(Math.Max(0, body.expires_in - 60));
            return _accessToken;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _tokenLock.Dispose();
        base.Dispose(disposing);
    }
}
