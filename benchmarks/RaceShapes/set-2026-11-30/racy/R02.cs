namespace Blind.R02;

public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt)
{
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt - TimeSpan.FromSeconds(30);
}

public interface ITokenEndpoint
{
    Task<AccessToken> RequestAsync(string scope, CancellationToken cancellationToken);
}

/// <summary>
/// Caches OAuth access tokens per scope so that downstream calls do not hit the
/// identity server every time.
/// </summary>
public sealed class ScopedTokenCache
{
    private readonly ITokenEndpoint _endpoint;
    private readonly Dictionary<string, AccessToken> _tokens = new(StringComparer.Ordinal);

    public ScopedTokenCache(ITokenEndpoint endpoint) => _endpoint = endpoint;

    public async Task<string> GetTokenAsync(string scope, CancellationToken cancellationToken = default)
    {
        if (_tokens.TryGetValue(scope, out var cached) && !cached.IsExpired(DateTimeOffset.UtcNow))
        {
            return cached.Value;
        }

        var fresh = await _endpoint.RequestAsync(scope, cancellationToken).ConfigureAwait(false);
        _tokens[scope] = fresh;
        return fresh.Value;
    }
}

public sealed record DownstreamTarget(string Scope, Uri Url);

/// <summary>
/// Fans a dashboard request out to several downstream services, each of which
/// requires its own token scope.
/// </summary>
public sealed class DashboardAggregator
{
    private readonly ScopedTokenCache _tokens;
    private readonly HttpClient _http;

    public DashboardAggregator(ScopedTokenCache tokens, HttpClient http)
    {
        _tokens = tokens;
        _http = http;
    }

    public async Task<IReadOnlyList<string>> LoadWidgetsAsync(
        IReadOnlyList<DownstreamTarget> targets, CancellationToken cancellationToken)
    {
        var calls = targets.Select(t => CallAsync(t, cancellationToken));
        return await Task.WhenAll(calls).ConfigureAwait(false);
    }

    private async Task<string> CallAsync(DownstreamTarget target, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(target.Scope, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
