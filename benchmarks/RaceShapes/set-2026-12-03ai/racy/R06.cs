using System.Net.Http.Headers;

namespace Blind35.Rickshaws.Dispatch;

public sealed record TokenResponse(string AccessToken, int ExpiresInSeconds);

public interface IFleetTokenClient
{
    Task<TokenResponse> RequestTokenAsync(CancellationToken ct);
}

/// <summary>
/// Attaches a bearer token for the fleet dispatch API. Handler instances are pooled by the
/// HTTP client factory and shared by every request that goes through the named client.
/// </summary>
public sealed class DispatchApiTokenHandler : DelegatingHandler
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    private readonly IFleetTokenClient _tokenClient;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _expiresAt;

    public DispatchApiTokenHandler(IFleetTokenClient tokenClient) => _tokenClient = tokenClient;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var token = Volatile.Read(ref _accessToken);
        if (token is null || DateTimeOffset.UtcNow >= _expiresAt - Skew)
        {
            token = await RefreshAsync(ct);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, ct);
    }

    private async Task<string> RefreshAsync(CancellationToken ct)
    {
        await _refreshGate.WaitAsync(ct);
        try
        {
            var current = Volatile.Read(ref _accessToken);
            if (current is not null && DateTimeOffset.UtcNow < _expiresAt - Skew)
            {
                return current;
            }

            var result = await _tokenClient.RequestTokenAsync(ct);
            _expiresAt = DateTimeOffset.UtcNow.AddSeconds(result.ExpiresInSeconds);
            Volatile.Write(ref _accessToken, result.AccessToken);
            return result.AccessToken;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _refreshGate.Dispose();
        }

        base.Dispose(disposing);
    }
}
