using System.Collections.Generic;
using System.Threading.Tasks;

namespace Audio.Processing
{
    /// <summary>
    /// Sample-rate conversion with a simple moving-average anti-aliasing
    /// filter. Used by the podcast transcoder for every track of an episode.
    /// </summary>
    public static class LinearResampler
    {
        [ThreadStatic]
        private static float[]? t_filterScratch;

        public static float[] Resample(ReadOnlySpan<float> input, int fromRate, int toRate)
        {
            if (fromRate <= 0 || toRate <= 0)
                throw new ArgumentOutOfRangeException(nameof(fromRate));
            if (input.IsEmpty)
                return Array.Empty<float>();

            ReadOnlySpan<float> source = input;
            if (toRate < fromRate)
            {
                var scratch = RentScratch(input.Length);
                int window = Math.Max(1, fromRate / toRate);
                LowPass(input, scratch.AsSpan(0, input.Length), window);
                source = scratch.AsSpan(0, input.Length);
            }

            int outputLength = (int)((long)input.Length * toRate / fromRate);
            var output = new float[outputLength];
            double step = (double)fromRate / toRate;

            for (int i = 0; i < outputLength; i++)
            {
                double position = i * step;
                int index = (int)position;
                double fraction = position - index;
                float a = source[Math.Min(index, source.Length - 1)];
                float b = source[Math.Min(index + 1, source.Length - 1)];
                output[i] = (float)(a + (b - a) * fraction);
            }

            return output;
        }

        private static float[] RentScratch(int length)
        {
            var buffer = t_filterScratch;
            if (buffer == null || buffer.Length < length)
            {
                buffer = new float[Math.Max(length, 16384)];
                t_filterScratch = buffer;
            }
            return buffer;
        }

        private static void LowPass(ReadOnlySpan<float> input, Span<float> output, int window)
        {
            double running = 0;
            for (int i = 0; i < input.Length; i++)
            {
                running += input[i];
                if (i >= window)
                    running -= input[i - window];
                output[i] = (float)(running / Math.Min(i + 1, window));
            }
        }
    }

    public sealed class PodcastTranscoder
    {
        public float[][] ResampleTracks(IReadOnlyList<float[]> tracks, int fromRate, int toRate)
        {
            var results = new float[tracks.Count][];
            Parallel.For(0, tracks.Count, i =>
            {
                results[i] = LinearResampler.Resample(tracks[i], fromRate, toRate);
            });
            return results;
        }
    }
}
