using System.Net.Http.Headers;
using System.Text.Json;

namespace Blind2.C16;

/// <summary>
/// Adds an OAuth bearer token to outgoing requests. One handler instance is
/// shared by every request sent through the client.
/// </summary>
public sealed class BearerTokenHandler : DelegatingHandler
{
    private sealed record CachedToken(string Value, DateTime ExpiresAtUtc)
    {
        public bool IsValid => DateTime.UtcNow < ExpiresAtUtc;
    }

    private readonly HttpClient _identityClient;
    private readonly Uri _tokenUri;
    private readonly FormUrlEncodedContentFactory _form;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile CachedToken? _token;

    public BearerTokenHandler(HttpClient identityClient, Uri tokenUri, string clientId, string clientSecret)
    {
        _identityClient = identityClient;
        _tokenUri = tokenUri;
        _form = new FormUrlEncodedContentFactory(clientId, clientSecret);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is null || !token.IsValid)
            token = await GetFreshTokenAsync(cancellationToken).ConfigureAwait(false);

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CachedToken> GetFreshTokenAsync(CancellationToken ct)
    {
        await _refreshLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = _token;
            if (current is not null && current.IsValid)
                return current;

            using var content = _form.Create();
            using var response = await _identityClient.PostAsync(_tokenUri, content, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
            var value = json.RootElement.GetProperty("access_token").GetString()!;
            var seconds = json.RootElement.GetProperty("expires_in").GetInt32();

            var fresh = new CachedToken(value, DateTime.UtcNow.AddSeconds(Math.Max(0, seconds - 30)));
            _token = fresh;
            return fresh;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private sealed class FormUrlEncodedContentFactory
    {
        private readonly string _clientId;
        private readonly string _clientSecret;

        public FormUrlEncodedContentFactory(string clientId, string clientSecret)
        {
            _clientId = clientId;
            _clientSecret = clientSecret;
        }

        public FormUrlEncodedContent Create() => new(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _clientId,
            ["client_secret"] = _clientSecret,
        });
    }
}
