using System.Collections.Concurrent;

namespace Blind59.Bookbinders.Catalogue;

public interface ICoverRenderer
{
    Task<byte[]> RenderThumbnailAsync(string photoPath, int width, CancellationToken ct);
}

/// <summary>
/// Produces catalogue thumbnails of finished bindings (quarter leather, full vellum,
/// coptic stitch...). Each photo is thumbnailed once; later requests reuse the result.
/// Shared by the public catalogue pages and the nightly warm-up job.
/// </summary>
public sealed class BindingThumbnailService
{
    private readonly ICoverRenderer _renderer;
    private readonly SemaphoreSlim _renderSlots;
    private readonly ConcurrentDictionary<(string Path, int Width), Lazy<Task<byte[]>>> _thumbnails = new();

    public BindingThumbnailService(ICoverRenderer renderer, int maxConcurrentRenders)
    {
        _renderer = renderer;
        _renderSlots = new SemaphoreSlim(maxConcurrentRenders, maxConcurrentRenders);
    }

    public Task<byte[]> GetAsync(string photoPath, int width)
    {
        var key = (photoPath, width);
        var lazy = _thumbnails.GetOrAdd(key, k =>
            new Lazy<Task<byte[]>>(() => RenderThrottledAsync(k.Path, k.Width)));

        var task = lazy.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            _thumbnails.TryRemove(new KeyValuePair<(string, int), Lazy<Task<byte[]>>>(key, lazy));
        }
        return task;
    }

    private async Task<byte[]> RenderThrottledAsync(string path, int width)
    {
        await _renderSlots.WaitAsync().ConfigureAwait(false);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await _renderer.RenderThumbnailAsync(path, width, cts.Token).ConfigureAwait(false);
        }
        finally
        {
            _renderSlots.Release();
        }
    }

    public int CachedCount => _thumbnails.Count;
}

/// <summary>
/// Renders the thumbnails for every binding in the catalogue overnight.
/// </summary>
public sealed class CatalogueWarmUpJob
{
    private readonly BindingThumbnailService _thumbnails;

    public CatalogueWarmUpJob(BindingThumbnailService thumbnails) => _thumbnails = thumbnails;

    public async Task<int> RunAsync(IEnumerable<string> photoPaths, IProgress<int> progress, CancellationToken ct)
    {
        int done = 0;
        await Parallel.ForEachAsync(photoPaths, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (path, _) =>
            {
                await _thumbnails.GetAsync(path, 240).ConfigureAwait(false);
                await _thumbnails.GetAsync(path, 800).ConfigureAwait(false);
                progress.Report(Interlocked.Increment(ref done));
            }).ConfigureAwait(false);
        return Volatile.Read(ref done);
    }
}
