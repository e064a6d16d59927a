using Microsoft.Extensions.Logging;

namespace Blind66.BellFoundry.Moulds;

public sealed record IssuedToken(string AccessToken, int ExpiresInSeconds);

public interface IMouldShopIdentity
{
    Task<IssuedToken> IssueAsync(CancellationToken ct);
}

/// <summary>
/// Keeps a bearer token for the mould-shop scheduling API. Registered as a singleton and
/// used by every outgoing request from the casting planner.
/// </summary>
public sealed class MouldShopTokenCache : IDisposable
{
    private static readonly TimeSpan RefreshSkew = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly IMouldShopIdentity _identity;
    private readonly TimeProvider _clock;
    private readonly ILogger<MouldShopTokenCache> _logger;
    private CachedToken? _current;
    private int _refreshCount;

    public MouldShopTokenCache(IMouldShopIdentity identity, TimeProvider clock, ILogger<MouldShopTokenCache> logger)
    {
        _identity = identity;
        _clock = clock;
        _logger = logger;
    }

    public int RefreshCount => Volatile.Read(ref _refreshCount);

    public async ValueTask<string> GetAsync(CancellationToken ct = default)
    {
        var token = Volatile.Read(ref _current);
        if (token is not null && token.IsFresh(_clock.GetUtcNow()))
        {
            return token.Value;
        }

        await _refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            token = Volatile.Read(ref _current);
            if (token is not null && token.IsFresh(_clock.GetUtcNow()))
            {
                return token.Value;
            }

            var issued = await _identity.IssueAsync(ct).ConfigureAwait(false);
            token = new CachedToken(issued.AccessToken, _clock.GetUtcNow().AddSeconds(issued.ExpiresInSeconds));
            Volatile.Write(ref _current, token);
            Interlocked.Increment(ref _refreshCount);
            _logger.LogDebug("Mould-shop token refreshed, valid until {Expiry}", token.ExpiresAt);
            return token.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Called when the API answers 401 so the next caller fetches a new token.</summary>
    public void Invalidate(string rejectedToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Value == rejectedToken)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    public void Dispose() => _refresh.Dispose();

    private sealed record CachedToken(string Value, DateTimeOffset ExpiresAt)
    {
        public bool IsFresh(DateTimeOffset now) => ExpiresAt - now > RefreshSkew;
    }
}
