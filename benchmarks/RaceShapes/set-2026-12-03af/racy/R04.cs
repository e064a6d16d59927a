using System.Net;
using System.Net.Http.Headers;

namespace Blind32.WeatherBalloons.Telemetry;

public readonly record struct AccessToken(string Value, DateTimeOffset ExpiresAt);

public interface ITokenIssuer
{
    Task<AccessToken> IssueAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Adds a bearer token to every request sent to the balloon telemetry API.
/// The handler is shared by the pooled <see cref="HttpClient"/> instances that
/// upload radiosonde frames, so many requests pass through it at once.
/// </summary>
public sealed class TelemetryTokenHandler : DelegatingHandler
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

    private readonly ITokenIssuer _issuer;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private AccessToken _current;

    public TelemetryTokenHandler(ITokenIssuer issuer) => _issuer = issuer;

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = _current;
        if (token.Value is null || token.ExpiresAt - RefreshMargin <= DateTimeOffset.UtcNow)
            token = await RefreshAsync(token, cancellationToken).ConfigureAwait(false);

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            // Let the next request pick up a fresh token.
            await RefreshAsync(token, cancellationToken).ConfigureAwait(false);
        }
        return response;
    }

    private async Task<AccessToken> RefreshAsync(AccessToken stale, CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current.Value is not null && _current.Value != stale.Value &&
                _current.ExpiresAt - RefreshMargin > DateTimeOffset.UtcNow)
            {
                return _current;
            }

            var fresh = await _issuer.IssueAsync(cancellationToken).ConfigureAwait(false);
            _current = fresh;
            return fresh;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _refreshLock.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Uploads telemetry frames from a launch in parallel.</summary>
public sealed class FrameUploader
{
    private readonly HttpClient _client;

    public FrameUploader(HttpClient client) => _client = client;

    public Task UploadAsync(IEnumerable<byte[]> frames, CancellationToken ct) =>
        Parallel.ForEachAsync(frames, ct, async (frame, token) =>
        {
            using var content = new ByteArrayContent(frame);
            using var response = await _client.PostAsync("frames", content, token);
            response.EnsureSuccessStatusCode();
        });
}
