using System.Collections.Concurrent;

namespace Bookbinding.Guild;

public sealed record BindingPattern(string Id, string Style, IReadOnlyList<string> Steps);

public interface IPatternArchive
{
    Task<BindingPattern> DownloadAsync(string patternId, CancellationToken ct);
}

/// <summary>
/// Caches binding patterns fetched from the guild archive. Shared by all
/// workshop terminals; concurrent requests for the same pattern share one
/// download, and failed downloads are evicted so they can be retried.
/// </summary>
public sealed class PatternCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<BindingPattern>>> _cache = new(StringComparer.Ordinal);
    private readonly IPatternArchive _archive;

    public PatternCache(IPatternArchive archive) => _archive = archive;

    public Task<BindingPattern> GetAsync(string patternId)
    {
        var lazy = _cache.GetOrAdd(patternId, id => new Lazy<Task<BindingPattern>>(
            () => LoadAsync(id),
            LazyThreadSafetyMode.ExecutionAndPublication));

        return lazy.Value;
    }

    private async Task<BindingPattern> LoadAsync(string patternId)
    {
        try
        {
            return await _archive.DownloadAsync(patternId, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // Drop the failed entry so the next request tries the archive again.
            _cache.TryRemove(patternId, out _);
            throw;
        }
    }

    public void Invalidate(string patternId) => _cache.TryRemove(patternId, out _);

    public int Count => _cache.Count;
}

public sealed class WorkshopTerminal
{
    private readonly PatternCache _patterns;

    public WorkshopTerminal(PatternCache patterns) => _patterns = patterns;

    public async Task<IReadOnlyList<string>> StepsForAsync(IEnumerable<string> patternIds)
    {
        var patterns = await Task.WhenAll(patternIds.Select(_patterns.GetAsync)).ConfigureAwait(false);
        return patterns.SelectMany(p => p.Steps.Select(s => $"{p.Style}: {s}")).ToList();
    }
}
