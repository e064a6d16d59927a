namespace Blind64.Mosaic.Thumbnails
{
    public sealed record TileImage(string StudioId, string Path);

    public sealed record ThumbnailReport(int Generated, IReadOnlyDictionary<string, int> FailuresByStudio);

    public interface IThumbnailRenderer
    {
        ValueTask RenderAsync(string sourcePath, string targetPath, int maxEdge, CancellationToken ct);
    }

    /// <summary>
    /// Generates preview thumbnails for photographed mosaic panels uploaded by each studio.
    /// Runs from the nightly job runner.
    /// </summary>
    public sealed class PanelThumbnailer
    {
        private readonly IThumbnailRenderer _renderer;
        private readonly string _outputRoot;

        public PanelThumbnailer(IThumbnailRenderer renderer, string outputRoot)
        {
            _renderer = renderer;
            _outputRoot = outputRoot;
        }

        public async Task<ThumbnailReport> GenerateAsync(IReadOnlyList<TileImage> images, CancellationToken ct)
        {
            var failures = new Dictionary<string, int>(StringComparer.Ordinal);
            var generated = 0;

            var options = new ParallelOptions
            {
                MaxDegreeOfParallelism = Environment.ProcessorCount,
                CancellationToken = ct,
            };

            await Parallel.ForEachAsync(images, options, async (image, token) =>
            {
                var target = System.IO.Path.Combine(_outputRoot, image.StudioId,
                    System.IO.Path.GetFileNameWithoutExtension(image.Path) + "_thumb.jpg");
                try
                {
                    await _renderer.RenderAsync(image.Path, target, maxEdge: 320, token);
                    Interlocked.Increment(ref generated);
                }
                catch (IOException)
                {
                    failures[image.StudioId] = failures.GetValueOrDefault(image.StudioId) + 1;
                }
            });

            return new ThumbnailReport(generated, failures);
        }
    }

    /// <summary>Nightly entry point invoked by the scheduler.</summary>
    public sealed class NightlyThumbnailJob
    {
        private readonly PanelThumbnailer _thumbnailer;
        private readonly Func<CancellationToken, Task<IReadOnlyList<TileImage>>> _loadPending;

        public NightlyThumbnailJob(PanelThumbnailer thumbnailer,
            Func<CancellationToken, Task<IReadOnlyList<TileImage>>> loadPending)
        {
            _thumbnailer = thumbnailer;
            _loadPending = loadPending;
        }

        public async Task<string> RunAsync(CancellationToken ct)
        {
            var pending = await _loadPending(ct);
            var report = await _thumbnailer.GenerateAsync(pending, ct);
            var worst = report.FailuresByStudio.OrderByDescending(kv => kv.Value).FirstOrDefault();
            return worst.Key is null
                ? $"{report.Generated} thumbnails"
                : $"{report.Generated} thumbnails, most failures at {worst.Key} ({worst.Value})";
        }
    }
}
