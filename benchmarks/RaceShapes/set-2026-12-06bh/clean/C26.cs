namespace Blind60.BalloonClub.Airspace;

public sealed record AccessToken(string Value, DateTime ExpiresUtc)
{
    public bool IsFreshAt(DateTime nowUtc) => nowUtc < ExpiresUtc - TimeSpan.FromMinutes(2);
}

public interface IAirspaceAuthClient
{
    Task<AccessToken> RequestTokenAsync(CancellationToken ct);
}

/// <summary>
/// Supplies bearer tokens for the NOTAM / airspace-briefing API used when balloon
/// flights are planned. One instance is shared by every request in the app.
/// </summary>
public sealed class AirspaceTokenProvider : IDisposable
{
    private readonly IAirspaceAuthClient _auth;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile AccessToken? _token;

    public AirspaceTokenProvider(IAirspaceAuthClient auth) => _auth = auth;

    public async ValueTask<string> GetAsync(CancellationToken ct)
    {
        var token = _token;
        if (token is not null && token.IsFreshAt(DateTime.UtcNow))
        {
            return token.Value;
        }

        await _refreshGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            token = _token;
            if (token is null || !token.IsFreshAt(DateTime.UtcNow))
            {
                token = await _auth.RequestTokenAsync(ct).ConfigureAwait(false);
                _token = token;
            }
            return token.Value;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public void Invalidate() => _token = null;

    public void Dispose() => _refreshGate.Dispose();
}

public sealed class AirspaceBriefingHandler : DelegatingHandler
{
    private readonly AirspaceTokenProvider _tokens;

    public AirspaceBriefingHandler(AirspaceTokenProvider tokens) => _tokens = tokens;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Authorization = new("Bearer", await _tokens.GetAsync(ct).ConfigureAwait(false));
        var response = await base.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            _tokens.Invalidate();
        }
        return response;
    }
}
