namespace Podcasts.Discovery;

public sealed record FeedResult(Uri Feed, string? Body, string? Error);

/// <summary>
/// Fetches a set of candidate podcast feeds for the "add show" search, returning results in
/// the order they arrive and giving up on slow feeds.
/// </summary>
public sealed class FeedProbe
{
    private readonly Func<Uri, CancellationToken, Task<string>> _download;

    public FeedProbe(Func<Uri, CancellationToken, Task<string>> download) => _download = download;

    public async Task<IReadOnlyList<FeedResult>> ProbeAsync(IEnumerable<Uri> feeds, TimeSpan perFeedTimeout, CancellationToken token)
    {
        var pending = new Dictionary<Task<string>, Uri>();
        foreach (var feed in feeds)
        {
            pending[_download(feed, token).WaitAsync(perFeedTimeout, token)] = feed;
        }

        var results = new List<FeedResult>(pending.Count);
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending.Keys).ConfigureAwait(false);
            var feed = pending[finished];
            pending.Remove(finished);

            try
            {
                results.Add(new FeedResult(feed, await finished.ConfigureAwait(false), null));
            }
            catch (TimeoutException)
            {
                results.Add(new FeedResult(feed, null, "timed out"));
            }
            catch (HttpRequestException ex)
            {
                results.Add(new FeedResult(feed, null, ex.Message));
            }
        }

        return results;
    }
}
