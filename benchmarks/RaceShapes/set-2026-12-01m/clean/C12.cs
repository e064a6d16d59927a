using System.Xml.Linq;

namespace Podcasts.Library;

public sealed record PodcastEpisode(string Guid, string Title, DateTimeOffset Published);

/// <summary>
/// Episode index for a user's subscriptions. Feed refreshes and the "what's new" view
/// may run at the same time.
/// </summary>
public sealed class EpisodeIndex : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, PodcastEpisode> _byGuid = new(StringComparer.Ordinal);
    private readonly Func<Uri, CancellationToken, Task<string>> _download;
    private readonly Func<IReadOnlyCollection<PodcastEpisode>, CancellationToken, Task> _persist;
    private DateTimeOffset _lastMerge;

    public EpisodeIndex(
        Func<Uri, CancellationToken, Task<string>> download,
        Func<IReadOnlyCollection<PodcastEpisode>, CancellationToken, Task> persist)
    {
        _download = download;
        _persist = persist;
    }

    public async Task<int> MergeFeedAsync(Uri feed, CancellationToken token)
    {
        var xml = await _download(feed, token).ConfigureAwait(false);
        var parsed = XDocument.Parse(xml).Descendants("item")
            .Select(i => new PodcastEpisode(
                (string?)i.Element("guid") ?? string.Empty,
                (string?)i.Element("title") ?? "(untitled)",
                DateTimeOffset.TryParse((string?)i.Element("pubDate"), out var p) ? p : DateTimeOffset.MinValue))
            .Where(e => e.Guid.Length > 0)
            .ToList();

        await _gate.WaitAsync(token).ConfigureAwait(false);
        try
        {
            var added = 0;
            foreach (var episode in parsed)
            {
                if (_byGuid.TryAdd(episode.Guid, episode))
                {
                    added++;
                }
            }

            _lastMerge = DateTimeOffset.UtcNow;
            await _persist(_byGuid.Values.ToList(), token).ConfigureAwait(false);
            return added;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<(IReadOnlyList<PodcastEpisode> Episodes, DateTimeOffset AsOf)> LatestAsync(int count, CancellationToken token)
    {
        await _gate.WaitAsync(token).ConfigureAwait(false);
        try
        {
            var latest = _byGuid.Values.OrderByDescending(e => e.Published).Take(count).ToList();
            return (latest, _lastMerge);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
