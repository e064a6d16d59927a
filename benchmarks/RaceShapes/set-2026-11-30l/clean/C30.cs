using System;
using System.Collections.Generic;
using System.Threading;

namespace Harmonia.Mastering.Analysis
{
    public sealed record ChannelStats(int Channel, float Peak, double RmsDb, int ClippedSamples);

    /// <summary>Per-channel peak, RMS and clipping analysis of an interleaved mixdown.</summary>
    public sealed class MixdownAnalyzer
    {
        private readonly float[][] _channels;
        private readonly float _clipThreshold;

        public MixdownAnalyzer(float[] interleaved, int channelCount, float clipThreshold = 0.999f)
        {
            if (channelCount <= 0 || interleaved.Length % channelCount != 0)
                throw new ArgumentException("Sample count must be a multiple of the channel count.");

            int frames = interleaved.Length / channelCount;
            _channels = new float[channelCount][];
            for (int c = 0; c < channelCount; c++)
            {
                var samples = new float[frames];
                for (int f = 0; f < frames; f++)
                    samples[f] = interleaved[f * channelCount + c];
                _channels[c] = samples;
            }
            _clipThreshold = clipThreshold;
        }

        public IReadOnlyList<ChannelStats> Analyze()
        {
            var results = new ChannelStats[_channels.Length];
            var threads = new Thread[_channels.Length];

            for (int c = 0; c < threads.Length; c++)
            {
                int channel = c;
                threads[c] = new Thread(() => results[channel] = AnalyzeChannel(channel))
                {
                    IsBackground = true,
                    Name = $"analyze-ch{channel}",
                };
            }

            foreach (var thread in threads) thread.Start();
            foreach (var thread in threads) thread.Join();

            return results;
        }

        private ChannelStats AnalyzeChannel(int channel)
        {
            float[] samples = _channels[channel];
            float peak = 0;
            double sumSquares = 0;
            int clipped = 0;

            foreach (float s in samples)
            {
                float magnitude = Math.Abs(s);
                if (magnitude > peak) peak = magnitude;
                if (magnitude >= _clipThreshold) clipped++;
                sumSquares += (double)s * s;
            }

            double rms = samples.Length == 0 ? 0 : Math.Sqrt(sumSquares / samples.Length);
            double rmsDb = rms <= 0 ? double.NegativeInfinity : 20 * Math.Log10(rms);
            return new ChannelStats(channel, peak, rmsDb, clipped);
        }
    }
}
