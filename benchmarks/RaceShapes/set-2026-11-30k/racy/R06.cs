using System.Threading.Tasks;

namespace Imaging.Analysis
{
    public sealed class GrayscaleImage
    {
        public GrayscaleImage(int width, int height, byte[] pixels)
        {
            if (pixels.Length != width * height)
                throw new ArgumentException("Pixel buffer does not match dimensions.", nameof(pixels));
            Width = width;
            Height = height;
            Pixels = pixels;
        }

        public int Width { get; }
        public int Height { get; }
        public byte[] Pixels { get; }
    }

    /// <summary>
    /// Contrast enhancement for scanned documents before OCR.
    /// </summary>
    public static class HistogramEqualizer
    {
        public static int[] ComputeHistogram(GrayscaleImage image)
        {
            var histogram = new int[256];
            Parallel.For(0, image.Height, y =>
            {
                int rowStart = y * image.Width;
                for (int x = 0; x < image.Width; x++)
                {
                    histogram[image.Pixels[rowStart + x]]++;
                }
            });
            return histogram;
        }

        public static void Equalize(GrayscaleImage image)
        {
            var histogram = ComputeHistogram(image);
            int total = image.Width * image.Height;
            if (total == 0)
                return;

            var lut = new byte[256];
            int cumulative = 0;
            int cdfMin = 0;
            for (int level = 0; level < 256; level++)
            {
                cumulative += histogram[level];
                if (cdfMin == 0 && cumulative > 0)
                    cdfMin = cumulative;
                int denominator = Math.Max(1, total - cdfMin);
                lut[level] = (byte)Math.Clamp((int)Math.Round((cumulative - cdfMin) * 255.0 / denominator), 0, 255);
            }

            Parallel.For(0, image.Height, y =>
            {
                int rowStart = y * image.Width;
                for (int x = 0; x < image.Width; x++)
                {
                    int i = rowStart + x;
                    image.Pixels[i] = lut[image.Pixels[i]];
                }
            });
        }
    }
}
