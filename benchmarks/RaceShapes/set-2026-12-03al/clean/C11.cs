using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Blind38.TeaBlending.Suppliers;

public sealed record EstateToken(string Value, DateTimeOffset ExpiresAt)
{
    public bool IsFresh(TimeSpan skew) => DateTimeOffset.UtcNow < ExpiresAt - skew;
}

internal sealed record TokenPayload(string access_token, int expires_in);

/// <summary>
/// Client for the tea estates' wholesale auction API. Registered as a singleton; the
/// blending planner calls <see cref="GetLotPricesAsync"/> for many gardens in parallel.
/// </summary>
public sealed class EstateAuctionClient
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(1);

    private readonly HttpClient _http;
    private readonly string _apiKey;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile EstateToken? _token;

    public EstateAuctionClient(HttpClient http, string apiKey)
    {
        _http = http;
        _apiKey = apiKey;
    }

    public async Task<IReadOnlyList<decimal>> GetLotPricesAsync(string garden, CancellationToken ct)
    {
        var token = await GetTokenAsync(ct).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"gardens/{Uri.EscapeDataString(garden)}/lots");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<decimal[]>(cancellationToken: ct).ConfigureAwait(false)
            ?? Array.Empty<decimal>();
    }

    private async ValueTask<EstateToken> GetTokenAsync(CancellationToken ct)
    {
        var current = _token;
        if (current is not null && current.IsFresh(Skew))
        {
            return current;
        }

        await _refreshGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            current = _token;
            if (current is not null && current.IsFresh(Skew))
            {
                return current;
            }

            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = _apiKey });
            using var response = await _http.PostAsync("auth/token", content, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var payload = await response.Content.ReadFromJsonAsync<TokenPayload>(cancellationToken: ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Empty token payload.");

            var fresh = new EstateToken(payload.access_token, DateTimeOffset.UtcNow.AddSeconds(payload.expires_in));
            _token = fresh;
            return fresh;
        }
        finally
        {
            _refreshGate.Release();
        }
    }
}
