using System.Net.Http.Json;

namespace WingTip.Auth.Tokens
{
    public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

    /// <summary>
    /// Supplies bearer tokens for outgoing calls to the partner API. Registered as
    /// a singleton; every outgoing request asks for a token. Tokens are reused
    /// until shortly before they expire.
    /// </summary>
    public sealed class ClientCredentialsTokenProvider : IDisposable
    {
        private readonly SemaphoreSlim _refreshLock = new(1, 1);
        private readonly HttpClient _http;
        private readonly Uri _tokenEndpoint;
        private readonly string _clientId;
        private readonly string _clientSecret;
        private readonly TimeSpan _skew = TimeSpan.FromMinutes(1);
        private AccessToken? _cached;

        public ClientCredentialsTokenProvider(HttpClient http, Uri tokenEndpoint, string clientId, string clientSecret)
        {
            _http = http;
            _tokenEndpoint = tokenEndpoint;
            _clientId = clientId;
            _clientSecret = clientSecret;
        }

        public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
        {
            await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_cached is { } token && token.ExpiresAt - _skew > DateTimeOffset.UtcNow)
                {
                    return token.Value;
                }

                _cached = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
                return _cached.Value;
            }
            finally
            {
                _refreshLock.Release();
            }
        }

        public async Task InvalidateAsync()
        {
            await _refreshLock.WaitAsync().ConfigureAwait(false);
            try
            {
                _cached = null;
            }
            finally
            {
                _refreshLock.Release();
            }
        }

        private async Task<AccessToken> RequestTokenAsync(CancellationToken cancellationToken)
        {
            using var body = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = _clientId,
                ["client_secret"] = _clientSecret,
            });

            using var response = await _http.PostAsync(_tokenEndpoint, body, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var payload = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken).ConfigureAwait(false)
                          ?? throw new InvalidOperationException("Empty token response.");
            return new AccessToken(payload.access_token, DateTimeOffset.UtcNow.AddSeconds(payload.expires_in));
        }

        public void Dispose() => _refreshLock.Dispose();

        private sealed record TokenResponse(string access_token, int expires_in);
    }
}
