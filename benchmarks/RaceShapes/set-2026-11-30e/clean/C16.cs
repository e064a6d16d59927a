using System.Net;
using System.Net.Http.Headers;

namespace PartnerApi.Client.Auth;

public sealed record TokenResponse(string AccessToken, int ExpiresIn);

public interface IClientCredentialsClient
{
    Task<TokenResponse> RequestAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Attaches a client-credentials access token to each request. One handler instance serves
/// every request made through the named HttpClient.
/// </summary>
public sealed class ClientCredentialsHandler : DelegatingHandler
{
    private static readonly TimeSpan EarlyRefresh = TimeSpan.FromMinutes(1);

    private readonly IClientCredentialsClient _tokens;
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private string? _accessToken;
    private DateTime _validUntilUtc;

    public ClientCredentialsHandler(IClientCredentialsClient tokens) => _tokens = tokens;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            await InvalidateAsync(token, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private async Task<string> AcquireAsync(CancellationToken cancellationToken)
    {
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_accessToken is null || DateTime.UtcNow + EarlyRefresh >= _validUntilUtc)
            {
                var response = await _tokens.RequestAsync(cancellationToken).ConfigureAwait(false);
                _accessToken = response.AccessToken;
                _validUntilUtc = DateTime.UtcNow.AddSeconds(response.ExpiresIn);
            }

            return _accessToken;
        }
        finally
        {
            _mutex.Release();
        }
    }

    private async Task InvalidateAsync(string rejectedToken, CancellationToken cancellationToken)
    {
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Only drop the token if nobody has refreshed it in the meantime.
            if (string.Equals(_accessToken, rejectedToken, StringComparison.Ordinal))
            {
                _validUntilUtc = DateTime.MinValue;
            }
        }
        finally
        {
            _mutex.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _mutex.Dispose();
        }

        base.Dispose(disposing);
    }
}
