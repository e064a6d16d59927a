using System.Net;
using System.Net.Http.Headers;

namespace PartnerApi.Client;

public sealed record IssuedToken(string AccessToken, int ExpiresInSeconds);

public interface ITokenClient
{
    Task<IssuedToken> RequestTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Adds a bearer token to outgoing requests and fetches a new one from the identity server when
/// the cached token is about to expire. A single instance sits in the HttpClient pipeline and
/// handles every request sent through that client.
/// </summary>
public sealed class BearerTokenHandler : DelegatingHandler
{
    private static readonly TimeSpan RefreshSkew = TimeSpan.FromSeconds(30);

    private readonly ITokenClient _tokenClient;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _accessToken;
    private DateTimeOffset _expiresAt;

    public BearerTokenHandler(ITokenClient tokenClient, TimeProvider? time = null)
    {
        _tokenClient = tokenClient;
        _time = time ?? TimeProvider.System;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // The identity server can revoke tokens early; make the next request fetch a fresh one.
            _expiresAt = DateTimeOffset.MinValue;
        }

        return response;
    }

    private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_accessToken is null || _time.GetUtcNow() + RefreshSkew >= _expiresAt)
            {
                var issued = await _tokenClient.RequestTokenAsync(cancellationToken).ConfigureAwait(false);
                _accessToken = issued.AccessToken;
                _expiresAt = _time.GetUtcNow().AddSeconds(issued.ExpiresInSeconds);
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
