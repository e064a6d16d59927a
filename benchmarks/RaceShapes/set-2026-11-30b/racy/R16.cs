using System.Net.Http.Headers;
using System.Text.Json;

namespace Blind2.R16;

/// <summary>
/// Attaches a bearer token obtained with the OAuth client-credentials flow.
/// The handler is part of the named HttpClient's pipeline, so one instance
/// serves every in-flight request made through that client.
/// </summary>
public sealed class ClientCredentialsHandler : DelegatingHandler
{
    private static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(30);

    private readonly HttpClient _tokenClient;
    private readonly Uri _tokenEndpoint;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly string _scope;

    private string? _accessToken;
    private DateTime _expiresAtUtc;

    public ClientCredentialsHandler(HttpClient tokenClient, Uri tokenEndpoint, string clientId, string clientSecret, string scope)
    {
        _tokenClient = tokenClient;
        _tokenEndpoint = tokenEndpoint;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _scope = scope;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = _accessToken;
        if (token is null || DateTime.UtcNow >= _expiresAtUtc)
            token = await RefreshTokenAsync(cancellationToken).ConfigureAwait(false);

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> RefreshTokenAsync(CancellationToken ct)
    {
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _clientId,
            ["client_secret"] = _clientSecret,
            ["scope"] = _scope,
        });

        using var response = await _tokenClient.PostAsync(_tokenEndpoint, body, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();

        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);

        var token = json.RootElement.GetProperty("access_token").GetString()
                    ?? throw new InvalidOperationException("Token endpoint returned no access_token.");
        var lifetime = TimeSpan.FromSeconds(json.RootElement.GetProperty("expires_in").GetInt32());

        _accessToken = token;
        _expiresAtUtc = DateTime.UtcNow + lifetime - ExpirySkew;
        return token;
    }
}
