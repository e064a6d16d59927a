using System.Buffers;

namespace Blind60.StainedGlass.Thumbnails;

public sealed record PanelImage(string PanelId, int Width, int Height, byte[] Rgba);

/// <summary>
/// Produces small greyscale thumbnails of stained-glass panel photographs for the studio's
/// commission portal. Registered as a singleton and called concurrently by upload requests.
/// </summary>
public sealed class PanelThumbnailer
{
    private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Shared;

    public byte[] CreateThumbnail(PanelImage image, int scale)
    {
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale));

        int w = Math.Max(1, image.Width / scale);
        int h = Math.Max(1, image.Height / scale);
        byte[] grey = _pool.Rent(image.Width * image.Height);
        try
        {
            for (int i = 0, p = 0; i < image.Width * image.Height; i++, p += 4)
            {
                // Rec. 601 luma, good enough for a preview.
                grey[i] = (byte)((image.Rgba[p] * 299 + image.Rgba[p + 1] * 587 + image.Rgba[p + 2] * 114) / 1000);
            }

            var thumb = new byte[w * h];
            for (int ty = 0; ty < h; ty++)
            {
                for (int tx = 0; tx < w; tx++)
                {
                    int total = 0, n = 0;
                    for (int dy = 0; dy < scale && ty * scale + dy < image.Height; dy++)
                    {
                        for (int dx = 0; dx < scale && tx * scale + dx < image.Width; dx++)
                        {
                            total += grey[(ty * scale + dy) * image.Width + tx * scale + dx];
                            n++;
                        }
                    }
                    thumb[ty * w + tx] = (byte)(total / Math.Max(1, n));
                }
            }
            return thumb;
        }
        finally
        {
            _pool.Return(grey);
        }
    }
}

public sealed class CommissionUploadHandler
{
    private readonly PanelThumbnailer _thumbnailer;

    public CommissionUploadHandler(PanelThumbnailer thumbnailer) => _thumbnailer = thumbnailer;

    public async Task<IReadOnlyDictionary<string, byte[]>> ProcessAsync(IEnumerable<PanelImage> uploads, CancellationToken ct)
    {
        var tasks = uploads.Select(u => Task.Run(() => (u.PanelId, Thumb: _thumbnailer.CreateThumbnail(u, 8)), ct)).ToArray();
        var results = await Task.WhenAll(tasks);
        return results.ToDictionary(r => r.PanelId, r => r.Thumb);
    }
}
