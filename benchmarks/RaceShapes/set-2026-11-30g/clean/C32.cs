namespace Imaging.Analysis;

public sealed record ImageStats(long[] LuminanceHistogram, double MeanLuminance, long ClippedHighlights);

/// <summary>
/// Computes luminance statistics over a raw RGB24 frame, splitting rows across cores.
/// </summary>
public static class LuminanceAnalyzer
{
    private sealed class Partial
    {
        public readonly long[] Histogram = new long[256];
        public long Sum;
        public long Clipped;
    }

    public static ImageStats Analyze(byte[] rgb, int width, int height)
    {
        if (rgb.Length < width * height * 3)
            throw new ArgumentException("Buffer is smaller than width * height * 3.", nameof(rgb));

        var histogram = new long[256];
        long sum = 0;
        long clipped = 0;
        var mergeLock = new object();

        Parallel.For(
            0,
            height,
            localInit: () => new Partial(),
            body: (row, _, partial) =>
            {
                int offset = row * width * 3;
                for (int x = 0; x < width; x++)
                {
                    int i = offset + x * 3;
                    int y = (299 * rgb[i] + 587 * rgb[i + 1] + 114 * rgb[i + 2]) / 1000;
                    partial.Histogram[y]++;
                    partial.Sum += y;
                    if (y >= 250)
                        partial.Clipped++;
                }

                return partial;
            },
            localFinally: partial =>
            {
                lock (mergeLock)
                {
                    for (int b = 0; b < 256; b++)
                        histogram[b] += partial.Histogram[b];
                    sum += partial.Sum;
                    clipped += partial.Clipped;
                }
            });

        long pixels = (long)width * height;
        return new ImageStats(histogram, pixels == 0 ? 0 : (double)sum / pixels, clipped);
    }
}
