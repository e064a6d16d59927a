using System.Net.Http.Headers;

namespace Contoso.Sdk.Authentication;

public interface ITokenProvider
{
    Task<AccessToken> RequestTokenAsync(CancellationToken cancellationToken);
}

public sealed record AccessToken(string Value, DateTimeOffset ExpiresOn)
{
    public bool IsUsable(DateTimeOffset now) => now < ExpiresOn - TimeSpan.FromMinutes(1);
}

/// <summary>
/// Attaches an OAuth access token to every request sent through the SDK's
/// HttpClient. One handler instance is shared by all concurrent requests.
/// </summary>
public sealed class AccessTokenHandler : DelegatingHandler
{
    private readonly ITokenProvider _provider;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private AccessToken? _token;

    public AccessTokenHandler(ITokenProvider provider, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        _provider = provider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AccessToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = Volatile.Read(ref _token);
        if (token is not null && token.IsUsable(DateTimeOffset.UtcNow))
        {
            return token;
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = Volatile.Read(ref _token);
            if (token is not null && token.IsUsable(DateTimeOffset.UtcNow))
            {
                return token;
            }

            token = await _provider.RequestTokenAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _token, token);
            return token;
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
