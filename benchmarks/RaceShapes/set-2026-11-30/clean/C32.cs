using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Blind.C32;

/// <summary>
/// Checks every page reachable from a documentation site's start page for broken
/// links. At most eight requests are in flight at once.
/// </summary>
public sealed partial class DocsLinkChecker
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _throttle = new(8, 8);
    private readonly object _visitedLock = new();
    private readonly HashSet<string> _visited = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentBag<string> _broken = new();

    public DocsLinkChecker(HttpClient http)
    {
        _http = http;
    }

    public async Task<IReadOnlyCollection<string>> CheckAsync(Uri start, int maxDepth, CancellationToken ct)
    {
        await VisitAsync(start, start, 0, maxDepth, ct).ConfigureAwait(false);
        return _broken.ToArray();
    }

    private bool MarkVisited(Uri url)
    {
        lock (_visitedLock)
        {
            return _visited.Add(url.GetLeftPart(UriPartial.Path));
        }
    }

    private async Task VisitAsync(Uri start, Uri url, int depth, int maxDepth, CancellationToken ct)
    {
        if (depth > maxDepth || !MarkVisited(url))
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
            _broken.Add(url.ToString());
            return;
        }
        finally
        {
            _throttle.Release();
        }

        var children = LinkRegex().Matches(html)
            .Select(m => Uri.TryCreate(url, m.Groups["href"].Value, out var u) ? u : null)
            .Where(u => u is not null && string.Equals(u.Host, start.Host, StringComparison.OrdinalIgnoreCase))
            .Select(u => u!);

        await Task.WhenAll(children.Select(c => VisitAsync(start, c, depth + 1, maxDepth, ct))).ConfigureAwait(false);
    }

    [GeneratedRegex("href\\s*=\\s*\"(?<href>[^\"#]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex LinkRegex();
}
