using System.Xml.Linq;

namespace Podcasts.Aggregation;

public sealed record Episode(string Guid, string Title, Uri Feed, DateTimeOffset Published);

/// <summary>
/// Refreshes all subscribed podcast feeds and merges their episodes into one timeline.
/// </summary>
public sealed class FeedRefresher
{
    private readonly Func<Uri, CancellationToken, Task<string>> _download;
    private readonly List<Uri> _failedFeeds = new();

    public FeedRefresher(Func<Uri, CancellationToken, Task<string>> download) => _download = download;

    public IReadOnlyList<Uri> FailedFeeds => _failedFeeds;

    public async Task<IReadOnlyList<Episode>> RefreshAsync(IEnumerable<Uri> feeds, CancellationToken token)
    {
        _failedFeeds.Clear();
        var perFeed = await Task.WhenAll(feeds.Select(f => FetchFeedAsync(f, token))).ConfigureAwait(false);
        return perFeed.SelectMany(e => e).OrderByDescending(e => e.Published).ToList();
    }

    private async Task<IReadOnlyList<Episode>> FetchFeedAsync(Uri feed, CancellationToken token)
    {
        try
        {
            var xml = await _download(feed, token).ConfigureAwait(false);
            return Parse(xml, feed);
        }
        catch (HttpRequestException)
        {
            _failedFeeds.Add(feed);
            return Array.Empty<Episode>();
        }
    }

    private static IReadOnlyList<Episode> Parse(string xml, Uri feed)
    {
        var doc = XDocument.Parse(xml);
        return doc.Descendants("item")
            .Select(item => new Episode(
                (string?)item.Element("guid") ?? (string?)item.Element("link") ?? string.Empty,
                (string?)item.Element("title") ?? "(untitled)",
                feed,
                DateTimeOffset.TryParse((string?)item.Element("pubDate"), out var published) ? published : DateTimeOffset.MinValue))
            .Where(e => e.Guid.Length > 0)
            .ToList();
    }
}
