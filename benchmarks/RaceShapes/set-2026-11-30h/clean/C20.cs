using System.Net.Http.Json;

namespace Blind8.Auth.ClientCredentials;

public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt)
{
    public bool IsValidAt(DateTimeOffset now) => now < ExpiresAt - TimeSpan.FromSeconds(60);
}

/// <summary>
/// Obtains and caches an OAuth client-credentials token for calls to the
/// billing API. Singleton; many requests may ask for the token at once, but
/// only one refresh is sent to the identity server at a time.
/// </summary>
public sealed class ClientCredentialsTokenProvider : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _tokenEndpoint;
    private readonly IReadOnlyDictionary<string, string> _form;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private AccessToken? _cached;

    private sealed record TokenResponse(string access_token, int expires_in);

    public ClientCredentialsTokenProvider(HttpClient http, Uri tokenEndpoint, string clientId, string clientSecret, string scope)
    {
        _http = http;
        _tokenEndpoint = tokenEndpoint;
        _form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["scope"] = scope,
        };
    }

    public async ValueTask<string> GetTokenAsync(CancellationToken ct)
    {
        var token = Volatile.Read(ref _cached);
        if (token is not null && token.IsValidAt(DateTimeOffset.UtcNow))
        {
            return token.Value;
        }

        await _refreshGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            token = Volatile.Read(ref _cached);
            if (token is not null && token.IsValidAt(DateTimeOffset.UtcNow))
            {
                return token.Value; // refreshed by another caller while we waited
            }

            token = await RequestTokenAsync(ct).ConfigureAwait(false);
            Volatile.Write(ref _cached, token);
            return token.Value;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task<AccessToken> RequestTokenAsync(CancellationToken ct)
    {
        using var content = new FormUrlEncodedContent(_form);
        using var response = await _http.PostAsync(_tokenEndpoint, content, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken: ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Token endpoint returned an empty body.");

        return new AccessToken(body.access_token, DateTimeOffset.UtcNow.AddSeconds(body.expires_in));
    }

    public void Dispose() => _refreshGate.Dispose();
}
