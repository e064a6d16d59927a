using System.Net.Http.Headers;

namespace Blind4.Clean.Auth.Tokens;

public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt)
{
    public bool ExpiresWithin(TimeSpan margin) => DateTimeOffset.UtcNow + margin >= ExpiresAt;
}

/// <summary>
/// Supplies an OAuth client-credentials token to outgoing API calls. The provider is a singleton
/// and <see cref="GetTokenAsync"/> is awaited by every outgoing request; the token is cached
/// until shortly before it expires.
/// </summary>
public sealed class ClientCredentialsTokenProvider : IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);

    private readonly Func<CancellationToken, Task<AccessToken>> _requestToken;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private AccessToken? _current;

    public ClientCredentialsTokenProvider(Func<CancellationToken, Task<AccessToken>> requestToken)
    {
        _requestToken = requestToken;
    }

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var token = Volatile.Read(ref _current);
        if (token is not null && !token.ExpiresWithin(RefreshMargin))
        {
            return token.Value;
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = Volatile.Read(ref _current);
            if (token is null || token.ExpiresWithin(RefreshMargin))
            {
                token = await _requestToken(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, token);
            }
            return token.Value;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    public async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Called when the API answers 401 so that the next request fetches a new token.</summary>
    public void Invalidate(string rejectedToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Value == rejectedToken)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    public void Dispose() => _refreshLock.Dispose();
}
