using System.Net.Http.Headers;

namespace Blind32.WeatherBalloons.Ingest;

public sealed record IngestToken(string Value, DateTimeOffset ExpiresAt)
{
    public bool IsFresh(DateTimeOffset now) => ExpiresAt - TimeSpan.FromSeconds(30) > now;
}

public interface IIngestTokenSource
{
    Task<IngestToken> RequestAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Message handler that attaches the ingest API's bearer token to radiosonde
/// uploads. One handler instance sits in the pipeline of the shared client,
/// so it sees many concurrent requests.
/// </summary>
public sealed class IngestAuthHandler : DelegatingHandler
{
    private readonly IIngestTokenSource _source;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile IngestToken? _token;

    public IngestAuthHandler(IIngestTokenSource source) => _source = source;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IngestToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var current = _token;
        if (current is not null && current.IsFresh(DateTimeOffset.UtcNow))
            return current;

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _token;
            if (current is not null && current.IsFresh(DateTimeOffset.UtcNow))
                return current;

            var fresh = await _source.RequestAsync(cancellationToken).ConfigureAwait(false);
            _token = fresh;
            return fresh;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public void Invalidate() => _token = null;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _refreshGate.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Pushes sounding levels to the ingest API concurrently.</summary>
public sealed class SoundingPublisher
{
    private readonly HttpClient _client;

    public SoundingPublisher(HttpClient client) => _client = client;

    public async Task<int> PublishAsync(IReadOnlyList<string> levels, CancellationToken ct)
    {
        var responses = await Task.WhenAll(levels.Select(level =>
            _client.PostAsync("levels", new StringContent(level), ct)));
        var ok = responses.Count(r => r.IsSuccessStatusCode);
        foreach (var response in responses)
            response.Dispose();
        return ok;
    }
}
