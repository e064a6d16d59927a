using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Payments.Gateway.Auth;

internal sealed record CachedToken(string Value, DateTimeOffset ExpiresAt);

internal sealed record TokenPayload(string access_token, int expires_in);

/// <summary>
/// Supplies OAuth access tokens to the payments gateway client. Registered
/// as a singleton; every outgoing payment request asks it for a token.
/// </summary>
public sealed class AccessTokenProvider : IDisposable
{
    private static readonly TimeSpan EarlyRefresh = TimeSpan.FromMinutes(1);

    private readonly HttpClient _identityClient;
    private readonly string _scope;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _cached;

    public AccessTokenProvider(HttpClient identityClient, string scope, TimeProvider time)
    {
        _identityClient = identityClient;
        _scope = scope;
        _time = time;
    }

    public async ValueTask<AuthenticationHeaderValue> GetHeaderAsync(CancellationToken ct)
    {
        var token = _cached;
        if (token is null || token.ExpiresAt - EarlyRefresh <= _time.GetUtcNow())
        {
            token = await RefreshAsync(ct).ConfigureAwait(false);
        }

        return new AuthenticationHeaderValue("Bearer", token.Value);
    }

    private async Task<CachedToken> RefreshAsync(CancellationToken ct)
    {
        await _refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var existing = _cached;
            if (existing is not null && existing.ExpiresAt - EarlyRefresh > _time.GetUtcNow())
            {
                return existing;
            }

            var request = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = _scope,
            };

            using var response = await _identityClient
                .PostAsync("connect/token", new FormUrlEncodedContent(request), ct)
                .ConfigureAwait(false);
            response.EnsureSuccessStatusCode();

            var payload = await response.Content.ReadFromJsonAsync<TokenPayload>(cancellationToken: ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Identity server returned an empty body.");

            var fresh = new CachedToken(payload.access_token, _time.GetUtcNow().AddSeconds(payload.expires_in));
            _cached = fresh;
            return fresh;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();
}
