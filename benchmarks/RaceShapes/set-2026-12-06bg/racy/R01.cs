using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Blind59.Coastguard.Auth;

/// <summary>
/// Access token issued by the regional coastguard incident API.
/// </summary>
public sealed record IncidentApiToken(string AccessToken, int ExpiresInSeconds);

/// <summary>
/// Supplies bearer tokens for calls to the incident API. Registered as a singleton
/// and used by every outgoing request from the station console.
/// </summary>
public sealed class IncidentTokenProvider
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

    private readonly HttpClient _authClient;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly object _sync = new();

    private string? _accessToken;
    private DateTime _expiresAtUtc;

    public IncidentTokenProvider(HttpClient authClient, string clientId, string clientSecret)
    {
        _authClient = authClient;
        _clientId = clientId;
        _clientSecret = clientSecret;
    }

    public async ValueTask<string> GetTokenAsync(CancellationToken ct)
    {
        if (TryGetCurrent(out var current))
        {
            return current;
        }

        await _refreshGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (TryGetCurrent(out current))
            {
                return current;
            }

            var token = await RequestTokenAsync(ct).ConfigureAwait(false);
            lock (_sync)
            {
                _accessToken = token.AccessToken;
                _expiresAtUtc = DateTime.UtcNow.AddSeconds(token.ExpiresInSeconds) - RefreshMargin;
            }
            return token.AccessToken;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>Drops the cached token after the API rejected it.</summary>
    public void Invalidate()
    {
        _accessToken = null;
    }

    private bool TryGetCurrent(out string token)
    {
        lock (_sync)
        {
            if (_accessToken is not null && DateTime.UtcNow < _expiresAtUtc)
            {
                token = _accessToken;
                return true;
            }
        }

        token = string.Empty;
        return false;
    }

    private async Task<IncidentApiToken> RequestTokenAsync(CancellationToken ct)
    {
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _clientId,
            ["client_secret"] = _clientSecret,
        });

        using var response = await _authClient.PostAsync("oauth/token", body, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var token = await JsonSerializer.DeserializeAsync<IncidentApiToken>(stream, cancellationToken: ct).ConfigureAwait(false);
        return token ?? throw new InvalidOperationException("Empty token response.");
    }
}

/// <summary>
/// Attaches the incident API bearer token to each outgoing request and retries once
/// with a fresh token when the API answers 401.
/// </summary>
public sealed class IncidentAuthHandler : DelegatingHandler
{
    private readonly IncidentTokenProvider _tokens;

    public IncidentAuthHandler(IncidentTokenProvider tokens) => _tokens = tokens;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        if (response.StatusCode == HttpStatusCode.Unauthorized && request.Content is null)
        {
            response.Dispose();
            _tokens.Invalidate();
            token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }
}
