namespace Blind.C06;

public sealed record ServiceToken(string Value, DateTimeOffset ExpiresAt);

public interface IIdentityClient
{
    Task<ServiceToken> AcquireAsync(string audience, CancellationToken cancellationToken);
}

/// <summary>
/// Caches service-to-service tokens per audience. Many outgoing requests ask for
/// tokens concurrently; only one refresh runs at a time.
/// </summary>
public sealed class AudienceTokenProvider : IDisposable
{
    private static readonly TimeSpan RefreshSkew = TimeSpan.FromMinutes(1);

    private readonly IIdentityClient _identity;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ServiceToken> _tokens = new(StringComparer.Ordinal);
    private int _refreshCount;

    public AudienceTokenProvider(IIdentityClient identity) => _identity = identity;

    public int RefreshCount => Volatile.Read(ref _refreshCount);

    public async Task<string> GetAsync(string audience, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tokens.TryGetValue(audience, out var cached) && cached.ExpiresAt - RefreshSkew > DateTimeOffset.UtcNow)
            {
                return cached.Value;
            }

            var fresh = await _identity.AcquireAsync(audience, cancellationToken).ConfigureAwait(false);
            _tokens[audience] = fresh;
            Interlocked.Increment(ref _refreshCount);
            return fresh.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task InvalidateAsync(string audience)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _tokens.Remove(audience);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string[]> GetManyAsync(IEnumerable<string> audiences, CancellationToken cancellationToken)
    {
        return await Task.WhenAll(audiences.Select(a => GetAsync(a, cancellationToken))).ConfigureAwait(false);
    }

    public void Dispose() => _gate.Dispose();
}
