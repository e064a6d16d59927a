using System.Net.Http.Headers;

namespace Blind35.Ropemaking.Orders;

public sealed record TokenResponse(string AccessToken, int ExpiresInSeconds);

public interface IRopewalkTokenClient
{
    Task<TokenResponse> RequestTokenAsync(CancellationToken ct);
}

/// <summary>
/// Adds the bearer token for the ropewalk's order API. The handler is pooled by the HTTP
/// client factory, so one instance serves many concurrent requests.
/// </summary>
public sealed class RopewalkAuthHandler : DelegatingHandler
{
    private sealed record CachedToken(string Value, DateTimeOffset ExpiresAt)
    {
        public bool IsFresh(DateTimeOffset now) => now < ExpiresAt - TimeSpan.FromSeconds(30);
    }

    private readonly IRopewalkTokenClient _tokenClient;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private CachedToken? _token;

    public RopewalkAuthHandler(IRopewalkTokenClient tokenClient) => _tokenClient = tokenClient;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var token = Volatile.Read(ref _token);
        if (token is null || !token.IsFresh(DateTimeOffset.UtcNow))
        {
            token = await RefreshAsync(stale: token, ct);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await base.SendAsync(request, ct);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        token = await RefreshAsync(stale: token, ct);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return await base.SendAsync(request, ct);
    }

    private async Task<CachedToken> RefreshAsync(CachedToken? stale, CancellationToken ct)
    {
        await _refreshGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Volatile.Read(ref _token);
            if (current is not null && !ReferenceEquals(current, stale) && current.IsFresh(DateTimeOffset.UtcNow))
            {
                return current;
            }

            var response = await _tokenClient.RequestTokenAsync(ct).ConfigureAwait(false);
            var fresh = new CachedToken(response.AccessToken, DateTimeOffset.UtcNow.AddSeconds(response.ExpiresInSeconds));
            Volatile.Write(ref _token, fresh);
            return fresh;
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
