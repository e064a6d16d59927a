using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Blind59.MountainRescue.Paging;

internal sealed record PagerTokenResponse(string access_token, int expires_in);

/// <summary>
/// Holds the OAuth token for the team's call-out paging gateway. Every page sent to
/// team members goes through <see cref="GetAuthorizationAsync"/>; one instance per process.
/// </summary>
public sealed class PagerTokenCache
{
    private sealed record CachedToken(string Value, DateTime RefreshAfterUtc);

    private readonly HttpClient _identity;
    private readonly string _apiKey;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private CachedToken? _current;

    public PagerTokenCache(HttpClient identity, string apiKey)
    {
        _identity = identity;
        _apiKey = apiKey;
    }

    public async ValueTask<AuthenticationHeaderValue> GetAuthorizationAsync(CancellationToken ct)
    {
        var token = Volatile.Read(ref _current);
        if (token is null || DateTime.UtcNow >= token.RefreshAfterUtc)
        {
            token = await RefreshAsync(token, ct).ConfigureAwait(false);
        }
        return new AuthenticationHeaderValue("Bearer", token.Value);
    }

    /// <summary>Forces the next caller to fetch a new token, unless someone already has.</summary>
    public void Reject(string tokenValue)
    {
        var seen = Volatile.Read(ref _current);
        if (seen is not null && seen.Value == tokenValue)
        {
            Interlocked.CompareExchange(ref _current, null, seen);
        }
    }

    private async Task<CachedToken> RefreshAsync(CachedToken? stale, CancellationToken ct)
    {
        await _refreshLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && !ReferenceEquals(current, stale) && DateTime.UtcNow < current.RefreshAfterUtc)
            {
                return current;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = _apiKey }),
            };
            using var response = await _identity.SendAsync(request, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<PagerTokenResponse>(ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Paging gateway returned no token.");

            var fresh = new CachedToken(body.access_token, DateTime.UtcNow.AddSeconds(body.expires_in * 0.8));
            Volatile.Write(ref _current, fresh);
            return fresh;
        }
        finally
        {
            _refreshLock.Release();
        }
    }
}

/// <summary>
/// Sends call-out pages; used by the duty coordinator's console and the automatic
/// escalation job at the same time.
/// </summary>
public sealed class CallOutPager
{
    private readonly HttpClient _gateway;
    private readonly PagerTokenCache _tokens;

    public CallOutPager(HttpClient gateway, PagerTokenCache tokens)
    {
        _gateway = gateway;
        _tokens = tokens;
    }

    public async Task<bool> PageAsync(string memberPhone, string message, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var auth = await _tokens.GetAuthorizationAsync(ct).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Post, "pages")
            {
                Content = JsonContent.Create(new { to = memberPhone, text = message }),
            };
            request.Headers.Authorization = auth;

            using var response = await _gateway.SendAsync(request, ct).ConfigureAwait(false);
            if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
            {
                return response.IsSuccessStatusCode;
            }
            _tokens.Reject(auth.Parameter!);
        }
        return false;
    }
}
