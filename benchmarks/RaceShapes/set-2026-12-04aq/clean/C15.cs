using System.Collections.Concurrent;

namespace Blind43.JazzClub.SetLists;

public sealed record SetList(string GigId, IReadOnlyList<string> Tunes, string Bandleader);

public interface ISetListApi
{
    Task<SetList> DownloadAsync(string gigId, CancellationToken ct);
}

/// <summary>
/// Caches set lists for tonight's gigs so that the bar screens, the lighting desk and the
/// door staff tablets do not each hit the booking agency's API. Concurrent requests for the
/// same gig share one download; a failed download is forgotten so the next request retries.
/// </summary>
public sealed class SetListCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<SetList>>> _entries = new(StringComparer.Ordinal);
    private readonly ISetListApi _api;
    private int _downloads;

    public SetListCache(ISetListApi api) => _api = api;

    public int Downloads => Volatile.Read(ref _downloads);

    public async Task<SetList> GetAsync(string gigId)
    {
        var lazy = _entries.GetOrAdd(gigId, id => new Lazy<Task<SetList>>(
            () => DownloadWithRetryAsync(id),
            LazyThreadSafetyMode.ExecutionAndPublication));

        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            // Only remove the entry we observed failing, not a newer one another caller added.
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<SetList>>>(gigId, lazy));
            throw;
        }
    }

    public void Invalidate(string gigId) => _entries.TryRemove(gigId, out _);

    private async Task<SetList> DownloadWithRetryAsync(string gigId)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Interlocked.Increment(ref _downloads);
                return await _api.DownloadAsync(gigId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < 4)
            {
                await Task.Delay(delay).ConfigureAwait(false);
                delay += delay;
            }
        }
    }
}

/// <summary>Warms the cache for every gig on tonight's programme when the club opens.</summary>
public static class SetListWarmup
{
    public static async Task<int> WarmAsync(SetListCache cache, IEnumerable<string> gigIds)
    {
        var tasks = gigIds.Select(async id =>
        {
            try
            {
                await cache.GetAsync(id).ConfigureAwait(false);
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });

        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return results.Count(ok => ok);
    }
}
