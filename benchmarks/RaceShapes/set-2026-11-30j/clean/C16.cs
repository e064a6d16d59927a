using System.Net;
using System.Net.Http.Headers;

namespace Blind10.Http.Auth;

public sealed record TokenResponse(string AccessToken, TimeSpan ExpiresIn);

public interface ITokenClient
{
    Task<TokenResponse> RequestTokenAsync(CancellationToken ct);
}

/// <summary>
/// Attaches a client-credentials bearer token to outgoing requests, refreshing it shortly
/// before it expires or when the server answers 401.
/// </summary>
public sealed class BearerTokenHandler : DelegatingHandler
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

    private readonly ITokenClient _tokenClient;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _expiresAt;

    public BearerTokenHandler(ITokenClient tokenClient) => _tokenClient = tokenClient;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(forceRefresh: false, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        token = await GetTokenAsync(forceRefresh: true, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> GetTokenAsync(bool forceRefresh, CancellationToken ct)
    {
        await _tokenLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (forceRefresh || _accessToken is null || DateTimeOffset.UtcNow >= _expiresAt - RefreshMargin)
            {
                var response = await _tokenClient.RequestTokenAsync(ct).ConfigureAwait(false);
                _accessToken = response.AccessToken;
                _expiresAt = DateTimeOffset.UtcNow + response.ExpiresIn;
            }
            return _accessToken;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tokenLock.Dispose();
        }
        base.Dispose(disposing);
    }
}
