using System.Net;

namespace Blind8.Tools.LinkChecker;

public sealed record LinkResult(Uri Url, int? StatusCode, string? Error, TimeSpan Elapsed)
{
    public bool IsBroken => Error is not null || StatusCode is >= 400;
}

public sealed record LinkCheckSummary(int Checked, int Broken, IReadOnlyList<LinkResult> BrokenLinks, TimeSpan Slowest);

/// <summary>
/// Checks every external link found in a documentation site. Requests run
/// concurrently (bounded), and the summary is computed once all have finished.
/// </summary>
public sealed class DocumentationLinkChecker
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _concurrency;

    public DocumentationLinkChecker(HttpClient http, int maxConcurrentRequests = 8)
    {
        _http = http;
        _concurrency = new SemaphoreSlim(maxConcurrentRequests, maxConcurrentRequests);
    }

    public async Task<LinkCheckSummary> CheckAsync(IEnumerable<Uri> links, CancellationToken ct)
    {
        var distinct = links.Distinct().ToList();
        var results = await Task.WhenAll(distinct.Select(url => CheckOneAsync(url, ct))).ConfigureAwait(false);

        var broken = new List<LinkResult>();
        var slowest = TimeSpan.Zero;
        foreach (var result in results)
        {
            if (result.IsBroken)
            {
                broken.Add(result);
            }

            if (result.Elapsed > slowest)
            {
                slowest = result.Elapsed;
            }
        }

        return new LinkCheckSummary(results.Length, broken.Count, broken, slowest);
    }

    private async Task<LinkResult> CheckOneAsync(Uri url, CancellationToken ct)
    {
        await _concurrency.WaitAsync(ct).ConfigureAwait(false);
        var started = DateTime.UtcNow;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, url);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);

            if (response.StatusCode == HttpStatusCode.MethodNotAllowed)
            {
                using var retry = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                return new LinkResult(url, (int)retry.StatusCode, null, DateTime.UtcNow - started);
            }

            return new LinkResult(url, (int)response.StatusCode, null, DateTime.UtcNow - started);
        }
        catch (HttpRequestException ex)
        {
            return new LinkResult(url, null, ex.Message, DateTime.UtcNow - started);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new LinkResult(url, null, "timeout", DateTime.UtcNow - started);
        }
        finally
        {
            _concurrency.Release();
        }
    }
}
