using System.Collections.Concurrent;

namespace Crossword.Rendering;

public sealed record GridRequest(string PuzzleId, string Format, int WidthPx);

public interface IGridRenderer
{
    Task<byte[]> RenderAsync(GridRequest request);
}

/// <summary>
/// Caches rendered crossword grids for partner newspapers. Many partners ask for the
/// same puzzle within seconds of release; each grid is rendered once and shared.
/// Registered as a singleton used by every download request.
/// </summary>
public sealed class GridImageCache
{
    private readonly ConcurrentDictionary<GridRequest, Lazy<Task<byte[]>>> _images = new();
    private readonly IGridRenderer _renderer;
    private long _renders;

    public GridImageCache(IGridRenderer renderer) => _renderer = renderer;

    public long RenderCount => Interlocked.Read(ref _renders);

    public Task<byte[]> GetAsync(GridRequest request)
    {
        var lazy = _images.GetOrAdd(request, r => new Lazy<Task<byte[]>>(
            () => RenderOnceAsync(r),
            LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    public void Evict(string puzzleId)
    {
        foreach (var key in _images.Keys)
        {
            if (key.PuzzleId == puzzleId)
            {
                _images.TryRemove(key, out _);
            }
        }
    }

    private async Task<byte[]> RenderOnceAsync(GridRequest request)
    {
        Interlocked.Increment(ref _renders);
        var bytes = await _renderer.RenderAsync(request).ConfigureAwait(false);
        return bytes;
    }
}

public sealed class PartnerFeed
{
    private readonly GridImageCache _cache;

    public PartnerFeed(GridImageCache cache) => _cache = cache;

    public async Task<int> PrefetchAsync(string puzzleId, IEnumerable<string> partnerFormats)
    {
        var images = await Task.WhenAll(partnerFormats.Select(f => _cache.GetAsync(new GridRequest(puzzleId, f, 600))));
        return images.Sum(i => i.Length);
    }
}
