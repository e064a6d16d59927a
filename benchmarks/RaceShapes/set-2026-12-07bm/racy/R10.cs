using System.Collections.Generic;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind65.QuiltingBees.Patterns;

public sealed record QuiltPattern(string Id, string Name, int BlockCount, string SvgPreview);

public interface IPatternStore
{
    Task<IReadOnlyList<string>> ListPatternIdsAsync(CancellationToken token);
    Task<QuiltPattern> LoadAsync(string id, CancellationToken token);
}

/// <summary>
/// In-memory copy of the guild's pattern library, used by the block-planner pages.
/// Filled once at start-up by <see cref="PatternCacheWarmup"/>.
/// </summary>
public sealed class PatternCache
{
    private readonly Dictionary<string, QuiltPattern> _patterns = new(StringComparer.Ordinal);

    public int Count => _patterns.Count;

    public bool TryGet(string id, out QuiltPattern? pattern) => _patterns.TryGetValue(id, out pattern);

    internal void Store(QuiltPattern pattern) => _patterns[pattern.Id] = pattern;
}

public sealed class PatternCacheWarmup : IHostedService
{
    private readonly IPatternStore _store;
    private readonly PatternCache _cache;
    private readonly ILogger<PatternCacheWarmup> _logger;

    public PatternCacheWarmup(IPatternStore store, PatternCache cache, ILogger<PatternCacheWarmup> logger)
    {
        _store = store;
        _cache = cache;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var ids = await _store.ListPatternIdsAsync(cancellationToken);
        using var throttle = new SemaphoreSlim(8);

        var loads = ids.Select(async id =>
        {
            await throttle.WaitAsync(cancellationToken);
            QuiltPattern pattern;
            try
            {
                pattern = await _store.LoadAsync(id, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                throttle.Release();
            }
            _cache.Store(pattern);
        });

        await Task.WhenAll(loads);
        _logger.LogInformation("Warmed pattern cache with {Count} patterns", _cache.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
