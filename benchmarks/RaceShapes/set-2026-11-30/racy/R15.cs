using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Blind.R15;

/// <summary>
/// Crawls a site starting from its root page and lists every reachable page on the
/// same host. At most eight HTTP requests are in flight at any time.
/// </summary>
public sealed partial class SiteCrawler
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _throttle = new(8, 8);
    private readonly HashSet<string> _visited = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentBag<string> _pages = new();

    public SiteCrawler(HttpClient http)
    {
        _http = http;
    }

    public async Task<IReadOnlyCollection<string>> CrawlAsync(Uri root, int maxDepth, CancellationToken ct)
    {
        await VisitAsync(root, root, 0, maxDepth, ct).ConfigureAwait(false);
        return _pages.ToArray();
    }

    private async Task VisitAsync(Uri root, Uri url, int depth, int maxDepth, CancellationToken ct)
    {
        if (depth > maxDepth || !_visited.Add(url.GetLeftPart(UriPartial.Path)))
        {
            return;
        }

        string html;
        await _throttle.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            html = await _http.GetStringAsync(url, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return;
        }
        finally
        {
            _throttle.Release();
        }

        _pages.Add(url.ToString());

        var children = ExtractLinks(html, url)
            .Where(u => string.Equals(u.Host, root.Host, StringComparison.OrdinalIgnoreCase));
        await Task.WhenAll(children.Select(c => VisitAsync(root, c, depth + 1, maxDepth, ct))).ConfigureAwait(false);
    }

    private static IEnumerable<Uri> ExtractLinks(string html, Uri baseUri)
    {
        foreach (Match match in HrefRegex().Matches(html))
        {
            if (Uri.TryCreate(baseUri, match.Groups["href"].Value, out var link)
                && (link.Scheme == Uri.UriSchemeHttp || link.Scheme == Uri.UriSchemeHttps))
            {
                yield return link;
            }
        }
    }

    [GeneratedRegex("href\\s*=\\s*\"(?<href>[^\"#]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HrefRegex();
}
