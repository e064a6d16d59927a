using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Blind45.SkiTrails.Grooming;

public sealed record GroomingToken(string Value, DateTimeOffset ExpiresAt)
{
    public bool IsUsable(DateTimeOffset now, TimeSpan skew) => now < ExpiresAt - skew;
}

public interface IGroomingAuthority
{
    Task<GroomingToken> RequestTokenAsync(CancellationToken ct);
}

public sealed record TrailConditionReport(string TrailId, string Surface, int SnowDepthCm, bool Classic, bool Skate);

/// <summary>
/// Client for the regional trail association's grooming API. Registered as a singleton
/// and used by the snowcat telemetry job and by the public trail-report endpoints.
/// </summary>
public sealed class GroomingApiClient
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(45);

    private readonly HttpClient _http;
    private readonly IGroomingAuthority _authority;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private GroomingToken? _token;

    public GroomingApiClient(HttpClient http, IGroomingAuthority authority)
    {
        _http = http;
        _authority = authority;
    }

    public async Task SubmitReportAsync(TrailConditionReport report, CancellationToken ct)
    {
        var token = await GetTokenAsync(ct).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"trails/{Uri.EscapeDataString(report.TrailId)}/condition")
        {
            Content = JsonContent.Create(report),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public async Task<TrailConditionReport?> GetReportAsync(string trailId, CancellationToken ct)
    {
        var token = await GetTokenAsync(ct).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"trails/{Uri.EscapeDataString(trailId)}/condition");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        return await response.Content.ReadFromJsonAsync<TrailConditionReport>(cancellationToken: ct).ConfigureAwait(false);
    }

    private async ValueTask<GroomingToken> GetTokenAsync(CancellationToken ct)
    {
        var current = Volatile.Read(ref _token);
        if (current is not null && current.IsUsable(DateTimeOffset.UtcNow, Skew))
        {
            return current;
        }

        await _refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            current = Volatile.Read(ref _token);
            if (current is not null && current.IsUsable(DateTimeOffset.UtcNow, Skew))
            {
                return current;
            }

            var fresh = await _authority.RequestTokenAsync(ct).ConfigureAwait(false);
            Volatile.Write(ref _token, fresh);
            return fresh;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
