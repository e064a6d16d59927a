using System.Net;
using System.Net.Http.Headers;

namespace Acme.ApiClient.Auth;

public interface IAccessTokenSource
{
    Task<(string AccessToken, TimeSpan Lifetime)> AcquireAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Adds a bearer token to outgoing requests. The handler sits in the pipeline
/// built by the HTTP client factory, so one instance serves every request
/// made through the named client.
/// </summary>
public sealed class BearerTokenHandler : DelegatingHandler
{
    private static readonly TimeSpan ExpirySkew = TimeSpan.FromSeconds(30);

    private readonly IAccessTokenSource _tokenSource;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private CachedToken _current;

    public BearerTokenHandler(IAccessTokenSource tokenSource)
    {
        _tokenSource = tokenSource;
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Console.Error.WriteLine($"401 from {request.RequestUri?.Host}; token may have been revoked.");
        }

        return response;
    }

    private async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var cached = _current;
        if (cached.IsValidAt(DateTime.UtcNow))
        {
            return cached.Value!;
        }

        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current.IsValidAt(DateTime.UtcNow))
            {
                return _current.Value!;
            }

            var (value, lifetime) = await _tokenSource.AcquireAsync(cancellationToken).ConfigureAwait(false);
            _current = new CachedToken(value, DateTime.UtcNow + lifetime - ExpirySkew);
            return value;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _refreshLock.Dispose();
        }

        base.Dispose(disposing);
    }

    private readonly struct CachedToken
    {
        public CachedToken(string value, DateTime expiresUtc)
        {
            Value = value;
            ExpiresUtc = expiresUtc;
        }

        public string? Value { get; }
        public DateTime ExpiresUtc { get; }

        public bool IsValidAt(DateTime utcNow) => Value != null && utcNow < ExpiresUtc;
    }
}
