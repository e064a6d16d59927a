using System.Net;

namespace Blind50.Ferries.Manifests;

/// <summary>
/// Client for the coastguard's passenger-manifest API. The API accepts a limited number of
/// concurrent calls per operator, so calls are throttled and transient failures are retried
/// with exponential backoff. Registered as a singleton and used by all boarding gates.
/// </summary>
public sealed class ManifestApiClient
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _throttle;
    private readonly int _maxAttempts;
    private long _retries;
    private long _failures;

    public ManifestApiClient(HttpClient http, int maxConcurrent = 3, int maxAttempts = 4)
    {
        _http = http;
        _throttle = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _maxAttempts = maxAttempts;
    }

    public (long Retries, long Failures) Statistics =>
        (Interlocked.Read(ref _retries), Interlocked.Read(ref _failures));

    public async Task SubmitAsync(string sailingId, IReadOnlyList<string> passengers, CancellationToken cancellationToken)
    {
        var body = new StringContent(string.Join('\n', passengers));
        var attempt = 0;
        while (true)
        {
            attempt++;
            HttpStatusCode status;
            await _throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var response = await _http.PutAsync($"manifests/{sailingId}", body, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                status = response.StatusCode;
            }
            finally
            {
                _throttle.Release();
            }

            var transient = status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable;
            if (!transient || attempt >= _maxAttempts)
            {
                Interlocked.Increment(ref _failures);
                throw new HttpRequestException($"Manifest for {sailingId} rejected with {(int)status} after {attempt} attempts");
            }

            Interlocked.Increment(ref _retries);
            var backoff = TimeSpan.FromMilliseconds(250 * (1 << attempt) + Random.Shared.Next(100));
            await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>Sends the manifests of all sailings that close in the next few minutes.</summary>
public sealed class ManifestCloser
{
    private readonly ManifestApiClient _client;

    public ManifestCloser(ManifestApiClient client) => _client = client;

    public async Task<int> CloseAsync(IReadOnlyDictionary<string, List<string>> bySailing, CancellationToken cancellationToken)
    {
        var sends = bySailing.Select(async pair =>
        {
            try
            {
                await _client.SubmitAsync(pair.Key, pair.Value, cancellationToken);
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });

        var results = await Task.WhenAll(sends);
        return results.Count(ok => ok);
    }
}
