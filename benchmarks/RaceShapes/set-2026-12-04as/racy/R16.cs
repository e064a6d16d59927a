namespace Blind45.StainedGlass.Thumbnails;

public sealed record PanelImage(string PanelId, int Width, int Height, byte[] Rgb);

/// <summary>
/// Produces small greyscale previews of scanned stained-glass panels for the studio's
/// commission portal. Called from the upload endpoint for every scanned panel.
/// </summary>
public sealed class PanelThumbnailWriter
{
    public const int ThumbSize = 128;
    private const int ScratchBytes = ThumbSize * ThumbSize;

    // Scratch space for the downscaler, one per thread so requests do not allocate.
    [ThreadStatic]
    private static byte[]? t_scratch;

    public async Task<uint> WriteThumbnailAsync(PanelImage image, Stream destination, CancellationToken ct)
    {
        var scratch = t_scratch ??= new byte[ScratchBytes];
        var written = Downscale(image, scratch);

        await destination.WriteAsync(scratch.AsMemory(0, written), ct).ConfigureAwait(false);
        await destination.FlushAsync(ct).ConfigureAwait(false);

        // Checksum of what was sent, stored alongside the thumbnail for cache validation.
        uint checksum = 2166136261;
        for (var i = 0; i < written; i++)
        {
            checksum = (checksum ^ scratch[i]) * 16777619;
        }

        return checksum;
    }

    private static int Downscale(PanelImage image, byte[] scratch)
    {
        var scale = Math.Max((double)image.Width / ThumbSize, (double)image.Height / ThumbSize);
        var w = Math.Max(1, (int)(image.Width / scale));
        var h = Math.Max(1, (int)(image.Height / scale));

        for (var y = 0; y < h; y++)
        {
            var srcY = Math.Min(image.Height - 1, (int)(y * scale));
            for (var x = 0; x < w; x++)
            {
                var srcX = Math.Min(image.Width - 1, (int)(x * scale));
                var p = (srcY * image.Width + srcX) * 3;
                var grey = (image.Rgb[p] * 77 + image.Rgb[p + 1] * 150 + image.Rgb[p + 2] * 29) >> 8;
                scratch[y * w + x] = (byte)grey;
            }
        }

        return w * h;
    }
}

/// <summary>Upload endpoint helper: stores the original and its preview.</summary>
public sealed class PanelUploadHandler
{
    private readonly PanelThumbnailWriter _thumbnails = new();
    private readonly Func<string, Stream> _openPreview;
    private readonly Action<string, uint> _recordChecksum;

    public PanelUploadHandler(Func<string, Stream> openPreview, Action<string, uint> recordChecksum)
    {
        _openPreview = openPreview;
        _recordChecksum = recordChecksum;
    }

    public async Task HandleAsync(IReadOnlyList<PanelImage> panels, CancellationToken ct)
    {
        await Parallel.ForEachAsync(panels, ct, async (panel, token) =>
        {
            await using var stream = _openPreview(panel.PanelId);
            var checksum = await _thumbnails.WriteThumbnailAsync(panel, stream, token);
            _recordChecksum(panel.PanelId, checksum);
        });
    }
}
