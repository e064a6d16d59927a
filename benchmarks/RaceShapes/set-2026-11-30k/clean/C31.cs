using System.Threading.Tasks;

namespace Imaging.Filters
{
    public sealed class RgbaImage
    {
        public RgbaImage(int width, int height)
        {
            Width = width;
            Height = height;
            Data = new byte[width * height * 4];
        }

        public int Width { get; }
        public int Height { get; }
        public byte[] Data { get; }
    }

    /// <summary>
    /// Tone adjustments applied by the photo export pipeline.
    /// </summary>
    public static class ToneAdjustments
    {
        public static void ApplyBrightnessContrast(RgbaImage image, float brightness, float contrast)
        {
            var lut = BuildLut(brightness, contrast);
            var data = image.Data;
            int stride = image.Width * 4;

            Parallel.For(0, image.Height, y =>
            {
                int rowStart = y * stride;
                for (int x = 0; x < image.Width; x++)
                {
                    int p = rowStart + x * 4;
                    data[p] = lut[data[p]];
                    data[p + 1] = lut[data[p + 1]];
                    data[p + 2] = lut[data[p + 2]];
                }
            });
        }

        public static byte[] ToGrayscale(RgbaImage image)
        {
            var gray = new byte[image.Width * image.Height];
            var data = image.Data;

            Parallel.For(0, image.Height, y =>
            {
                for (int x = 0; x < image.Width; x++)
                {
                    int src = (y * image.Width + x) * 4;
                    double luminance = 0.2126 * data[src] + 0.7152 * data[src + 1] + 0.0722 * data[src + 2];
                    gray[y * image.Width + x] = (byte)Math.Clamp((int)Math.Round(luminance), 0, 255);
                }
            });

            return gray;
        }

        private static byte[] BuildLut(float brightness, float contrast)
        {
            var lut = new byte[256];
            float factor = (259f * (contrast + 255f)) / (255f * (259f - contrast));
            for (int i = 0; i < 256; i++)
            {
                float value = factor * (i - 128f) + 128f + brightness;
                lut[i] = (byte)Math.Clamp((int)MathF.Round(value), 0, 255);
            }
            return lut;
        }
    }
}
