using System.Buffers;

namespace Blind45.StainedGlass.Previews;

public sealed record CartoonScan(string CommissionId, int Width, int Height, byte[] Rgb);

/// <summary>
/// Renders contact-sheet previews of full-size cartoons (the paper designs for a window).
/// Called concurrently by the studio's upload endpoint; working memory is rented for the
/// duration of one call.
/// </summary>
public sealed class CartoonPreviewRenderer
{
    private const int Edge = 256;

    public async Task<uint> RenderAsync(CartoonScan scan, Stream destination, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Edge * Edge);
        try
        {
            var length = Shrink(scan, buffer);
            await destination.WriteAsync(buffer.AsMemory(0, length), ct).ConfigureAwait(false);

            uint checksum = 2166136261;
            for (var i = 0; i < length; i++)
            {
                checksum = (checksum ^ buffer[i]) * 16777619;
            }

            return checksum;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Shrink(CartoonScan scan, byte[] target)
    {
        var step = Math.Max(1, Math.Max(scan.Width, scan.Height) / Edge);
        var w = Math.Min(Edge, scan.Width / step);
        var h = Math.Min(Edge, scan.Height / step);
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var p = ((y * step) * scan.Width + x * step) * 3;
                target[y * w + x] = (byte)((scan.Rgb[p] + scan.Rgb[p + 1] + scan.Rgb[p + 2]) / 3);
            }
        }

        return w * h;
    }
}

/// <summary>Processes a commission's cartoons and records the checksums.</summary>
public sealed class CommissionUpload
{
    private readonly CartoonPreviewRenderer _renderer = new();

    public async Task<IReadOnlyDictionary<string, uint>> ProcessAsync(
        IReadOnlyList<CartoonScan> scans, Func<CartoonScan, Stream> open, CancellationToken ct)
    {
        var checksums = new uint[scans.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, scans.Count), ct, async (i, token) =>
        {
            await using var stream = open(scans[i]);
            checksums[i] = await _renderer.RenderAsync(scans[i], stream, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var byId = new Dictionary<string, uint>();
        for (var i = 0; i < scans.Count; i++)
        {
            byId[$"{scans[i].CommissionId}/{i}"] = checksums[i];
        }

        return byId;
    }
}
