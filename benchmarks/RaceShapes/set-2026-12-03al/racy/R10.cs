using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Blind38.WeatherBalloons.Telemetry;

public sealed record TokenResponse(string AccessToken, int ExpiresInSeconds);

/// <summary>
/// Client for the national sounding archive. Registered as a singleton; every launch
/// pipeline uploads its radiosonde frames through it concurrently.
/// </summary>
public sealed class SoundingArchiveClient
{
    private static readonly TimeSpan RefreshSkew = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _expiresAt;

    public SoundingArchiveClient(HttpClient http, string clientId, string clientSecret)
    {
        _http = http;
        _clientId = clientId;
        _clientSecret = clientSecret;
    }

    public async Task UploadFramesAsync(string launchId, IReadOnlyList<byte[]> frames, CancellationToken ct)
    {
        var token = await GetTokenAsync(ct).ConfigureAwait(false);
        foreach (var frame in frames)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"launches/{launchId}/frames")
            {
                Content = new ByteArrayContent(frame),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }

    private async ValueTask<string> GetTokenAsync(CancellationToken ct)
    {
        var token = _accessToken;
        if (token is not null && DateTimeOffset.UtcNow < _expiresAt - RefreshSkew)
        {
            return token;
        }

        await _refreshLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_accessToken is not null && DateTimeOffset.UtcNow < _expiresAt - RefreshSkew)
            {
                return _accessToken;
            }

            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = _clientId,
                ["client_secret"] = _clientSecret,
            });
            using var response = await _http.PostAsync("oauth/token", form, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken: ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Empty token response.");

            _expiresAt = DateTimeOffset.UtcNow.AddSeconds(body.ExpiresInSeconds);
            _accessToken = body.AccessToken;
            return body.AccessToken;
        }
        finally
        {
            _refreshLock.Release();
        }
    }
}
