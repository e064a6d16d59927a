using System.Collections.Concurrent;

namespace Blind64.Mosaic.Previews
{
    public sealed record PanelPhoto(string StudioId, string Path, long Bytes);

    public sealed record PreviewOutcome(string Path, bool Ok, string? Error);

    public interface IPreviewRenderer
    {
        ValueTask RenderAsync(string source, string target, CancellationToken ct);
    }

    /// <summary>
    /// Produces web previews for photographed tesserae panels and reports per-studio
    /// byte totals for the storage bill.
    /// </summary>
    public sealed class PanelPreviewBuilder
    {
        private readonly IPreviewRenderer _renderer;
        private readonly string _outputRoot;

        public PanelPreviewBuilder(IPreviewRenderer renderer, string outputRoot)
        {
            _renderer = renderer;
            _outputRoot = outputRoot;
        }

        public async Task<(PreviewOutcome[] Outcomes, IReadOnlyDictionary<string, long> BytesByStudio)> BuildAsync(
            IReadOnlyList<PanelPhoto> photos, IProgress<int>? progress, CancellationToken ct)
        {
            var outcomes = new PreviewOutcome[photos.Count];
            var bytesByStudio = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var done = 0;

            await Parallel.ForEachAsync(Enumerable.Range(0, photos.Count),
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                async (index, token) =>
                {
                    var photo = photos[index];
                    var target = Path.Combine(_outputRoot, photo.StudioId, Path.GetFileName(photo.Path));
                    try
                    {
                        await _renderer.RenderAsync(photo.Path, target, token).ConfigureAwait(false);
                        outcomes[index] = new PreviewOutcome(photo.Path, true, null);
                        bytesByStudio.AddOrUpdate(photo.StudioId, photo.Bytes, (_, total) => total + photo.Bytes);
                    }
                    catch (IOException ex)
                    {
                        outcomes[index] = new PreviewOutcome(photo.Path, false, ex.Message);
                    }

                    progress?.Report(Interlocked.Increment(ref done));
                }).ConfigureAwait(false);

            return (outcomes, bytesByStudio);
        }
    }

    public static class PreviewJob
    {
        public static async Task<string> RunAsync(PanelPreviewBuilder builder, IReadOnlyList<PanelPhoto> photos)
        {
            var progress = new Progress<int>(n => Console.WriteLine($"{n}/{photos.Count} previews"));
            var (outcomes, bytes) = await builder.BuildAsync(photos, progress, CancellationToken.None);
            var failed = outcomes.Count(o => !o.Ok);
            return $"{outcomes.Length - failed} ok, {failed} failed, {bytes.Values.Sum() / 1024} KiB processed";
        }
    }
}
