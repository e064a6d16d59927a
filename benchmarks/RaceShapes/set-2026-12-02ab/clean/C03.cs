using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Blind28.MountainRescue.Callouts;

public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

/// <summary>
/// Client for the callout-paging gateway. One instance is shared by every incident
/// handler; tokens are refreshed on demand and reused by concurrent calls.
/// </summary>
public sealed class PagingGatewayClient
{
    private const int MaxAttempts = 3;

    private readonly HttpClient _http;
    private readonly Func<CancellationToken, Task<AccessToken>> _fetchToken;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile AccessToken? _token;

    public PagingGatewayClient(HttpClient http, Func<CancellationToken, Task<AccessToken>> fetchToken)
    {
        _http = http;
        _fetchToken = fetchToken;
    }

    public async Task<bool> PageTeamAsync(string teamId, string message, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await GetTokenAsync(ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"teams/{teamId}/page")
            {
                Content = JsonContent.Create(new { message }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);

            using var response = await _http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                Invalidate(token);
            }
            else if ((int)response.StatusCode < 500 || attempt >= MaxAttempts)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), ct);
        }
    }

    private async ValueTask<AccessToken> GetTokenAsync(CancellationToken ct)
    {
        var current = _token;
        if (current is not null && current.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(1))
        {
            return current;
        }

        await _refreshLock.WaitAsync(ct);
        try
        {
            current = _token;
            if (current is not null && current.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(1))
            {
                return current;
            }

            var fresh = await _fetchToken(ct);
            _token = fresh;
            return fresh;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private void Invalidate(AccessToken rejected)
    {
        // Only drop the token if nobody has already replaced it.
        Interlocked.CompareExchange(ref _token, null, rejected);
    }
}
