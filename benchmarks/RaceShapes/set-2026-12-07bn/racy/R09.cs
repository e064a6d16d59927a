using Microsoft.Extensions.Logging;

namespace Blind66.BellFoundry.Telemetry;

public sealed record TokenResponse(string AccessToken, int ExpiresInSeconds);

public interface IFoundryIdentityClient
{
    Task<TokenResponse> RequestTokenAsync(string audience, CancellationToken ct);
}

/// <summary>
/// Supplies bearer tokens for the furnace telemetry and mould-scheduling APIs.
/// Registered as a singleton and used by every outgoing HTTP call in the foundry portal.
/// </summary>
public sealed class FoundryTokenProvider
{
    private static readonly TimeSpan RefreshSkew = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly Dictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);
    private readonly IFoundryIdentityClient _identity;
    private readonly TimeProvider _clock;
    private readonly ILogger<FoundryTokenProvider> _logger;

    public FoundryTokenProvider(IFoundryIdentityClient identity, TimeProvider clock, ILogger<FoundryTokenProvider> logger)
    {
        _identity = identity;
        _clock = clock;
        _logger = logger;
    }

    public async ValueTask<string> GetTokenAsync(string audience, CancellationToken ct = default)
    {
        // Don't let a stuck identity server hold every caller forever.
        await _refreshGate.WaitAsync(GateTimeout, ct).ConfigureAwait(false);
        try
        {
            var now = _clock.GetUtcNow();
            if (_tokens.TryGetValue(audience, out var cached) && cached.ExpiresAt - now > RefreshSkew)
            {
                return cached.Value;
            }

            _logger.LogDebug("Refreshing token for {Audience}", audience);
            var response = await _identity.RequestTokenAsync(audience, ct).ConfigureAwait(false);
            var fresh = new CachedToken(response.AccessToken, now.AddSeconds(response.ExpiresInSeconds));
            _tokens[audience] = fresh;
            return fresh.Value;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset ExpiresAt);
}

/// <summary>Attaches the bearer token to outgoing telemetry requests.</summary>
public sealed class FoundryAuthHandler : DelegatingHandler
{
    private readonly FoundryTokenProvider _tokens;
    private readonly string _audience;

    public FoundryAuthHandler(FoundryTokenProvider tokens, string audience)
    {
        _tokens = tokens;
        _audience = audience;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(_audience, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
