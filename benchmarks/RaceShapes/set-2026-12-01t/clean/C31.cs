using System.Collections.Concurrent;

namespace Newsroom.Archive;

public sealed record ArchivedArticle(string Id, string Headline, string Body, DateTimeOffset Published);

public interface IArchiveClient
{
    Task<ArchivedArticle?> FetchAsync(string articleId, CancellationToken ct);
}

/// <summary>
/// Read-through cache in front of the newspaper archive API. Registered as a
/// singleton in the editors' web app; many requests ask for the same
/// background articles when a story breaks.
/// </summary>
public sealed class ArchiveCache
{
    private readonly IArchiveClient _client;
    private readonly ConcurrentDictionary<string, Lazy<Task<ArchivedArticle?>>> _entries = new(StringComparer.Ordinal);
    private readonly int _maxEntries;
    private long _hits;
    private long _misses;

    public ArchiveCache(IArchiveClient client, int maxEntries = 10_000)
    {
        _client = client;
        _maxEntries = maxEntries;
    }

    public (long Hits, long Misses) Stats => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    public async Task<ArchivedArticle?> GetAsync(string articleId)
    {
        if (_entries.TryGetValue(articleId, out var existing))
        {
            Interlocked.Increment(ref _hits);
            return await existing.Value.ConfigureAwait(false);
        }

        Interlocked.Increment(ref _misses);
        if (_entries.Count >= _maxEntries)
        {
            _entries.Clear();
        }

        var lazy = _entries.GetOrAdd(articleId, id => new Lazy<Task<ArchivedArticle?>>(
            () => _client.FetchAsync(id, CancellationToken.None),
            LazyThreadSafetyMode.ExecutionAndPublication));

        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<ArchivedArticle?>>>(articleId, lazy));
            throw;
        }
    }

    public void Invalidate(string articleId) => _entries.TryRemove(articleId, out _);
}

/// <summary>
/// Builds the "background reading" sidebar for a breaking story.
/// </summary>
public sealed class BackgroundSidebar
{
    private readonly ArchiveCache _cache;

    public BackgroundSidebar(ArchiveCache cache) => _cache = cache;

    public async Task<IReadOnlyList<string>> BuildAsync(IEnumerable<string> relatedIds)
    {
        var articles = await Task.WhenAll(relatedIds.Select(id => _cache.GetAsync(id)));
        return articles
            .Where(a => a is not null)
            .OrderByDescending(a => a!.Published)
            .Select(a => $"{a!.Published:yyyy-MM-dd} {a.Headline}")
            .ToList();
    }
}
