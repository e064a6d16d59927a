using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Imaging.Thumbnails
{
    public sealed record Thumbnail(string SourcePath, int Width, int Height, byte[] Pixels);

    /// <summary>
    /// Accumulates source pixels into destination cells for box-filter
    /// downscaling of an 8-bit grayscale image.
    /// </summary>
    internal sealed class BoxScaler
    {
        private readonly long[] _sums;
        private readonly int[] _counts;
        private readonly int _dstWidth;

        public BoxScaler(int dstWidth, int dstHeight)
        {
            _dstWidth = dstWidth;
            _sums = new long[dstWidth * dstHeight];
            _counts = new int[dstWidth * dstHeight];
        }

        public void Add(int dstX, int dstY, byte value)
        {
            int cell = dstY * _dstWidth + dstX;
            _sums[cell] += value;
            _counts[cell]++;
        }

        public byte[] Finish() =>
            _sums.Select((sum, i) => (byte)(_counts[i] == 0 ? 0 : sum / _counts[i])).ToArray();
    }

    /// <summary>
    /// Generates gallery thumbnails for a batch of uploaded scans. Raw files
    /// start with a 4-byte width and a 4-byte height followed by pixel data.
    /// </summary>
    public sealed class ThumbnailGenerator
    {
        public async Task<IReadOnlyList<Thumbnail>> GenerateAsync(IReadOnlyList<string> paths, int maxEdge, CancellationToken cancellationToken)
        {
            var tasks = paths
                .Select(path => Task.Run(() => Generate(path, maxEdge), cancellationToken))
                .ToArray();

            Thumbnail[] results = await Task.WhenAll(tasks).ConfigureAwait(false);
            return results;
        }

        private static Thumbnail Generate(string path, int maxEdge)
        {
            byte[] raw = File.ReadAllBytes(path);
            int width = BitConverter.ToInt32(raw, 0);
            int height = BitConverter.ToInt32(raw, 4);

            double scale = Math.Min(1.0, (double)maxEdge / Math.Max(width, height));
            int dstWidth = Math.Max(1, (int)(width * scale));
            int dstHeight = Math.Max(1, (int)(height * scale));

            var scaler = new BoxScaler(dstWidth, dstHeight);
            for (int y = 0; y < height; y++)
            {
                int dstY = Math.Min(dstHeight - 1, (int)(y * scale));
                for (int x = 0; x < width; x++)
                {
                    int dstX = Math.Min(dstWidth - 1, (int)(x * scale));
                    scaler.Add(dstX, dstY, raw[8 + y * width + x]);
                }
            }

            return new Thumbnail(path, dstWidth, dstHeight, scaler.Finish());
        }
    }
}
