using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Blind28.MountainRescue.Dispatch;

public sealed record TokenResponse(string AccessToken, int ExpiresIn);

/// <summary>
/// Client for the regional dispatch API. Registered once in the container and shared
/// by every team pager handler and the incident board refresher.
/// </summary>
public sealed class DispatchApiClient
{
    private const int MaxAttempts = 4;

    private readonly HttpClient _http;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _tokenExpires;
    private int _attempt;

    public DispatchApiClient(HttpClient http, string clientId, string clientSecret)
    {
        _http = http;
        _clientId = clientId;
        _clientSecret = clientSecret;
    }

    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> buildRequest, CancellationToken ct)
    {
        _attempt = 0;
        while (true)
        {
            _attempt++;
            var request = buildRequest();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await GetTokenAsync(false, ct));
            var response = await _http.SendAsync(request, ct);

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                await GetTokenAsync(true, ct);
            }
            else if ((int)response.StatusCode < 500)
            {
                return response;
            }

            if (_attempt >= MaxAttempts)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, _attempt)), ct);
        }
    }

    public async Task<T?> GetJsonAsync<T>(string path, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken: ct);
    }

    private async Task<string> GetTokenAsync(bool forceRefresh, CancellationToken ct)
    {
        await _tokenLock.WaitAsync(ct);
        try
        {
            if (!forceRefresh && _accessToken is not null && _tokenExpires > DateTimeOffset.UtcNow.AddSeconds(30))
            {
                return _accessToken;
            }

            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = _clientId,
                ["client_secret"] = _clientSecret,
            });
            using var response = await _http.PostAsync("oauth/token", form, ct);
            response.EnsureSuccessStatusCode();
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken: ct)
                        ?? throw new InvalidOperationException("Empty token response");
            _accessToken = token.AccessToken;
            _tokenExpires = DateTimeOffset.UtcNow.AddSeconds(token.ExpiresIn);
            return _accessToken;
        }
        finally
        {
            _tokenLock.Release();
        }
    }
}
