namespace Pipeline.AcousticSurvey;

public sealed record AcousticHit(int SensorIndex, long SampleOffset, double Amplitude);

/// <summary>
/// Scans the recordings from an in-line acoustic pig run for the hiss
/// signature of a leak. Each sensor channel is scanned on its own thread.
/// </summary>
public sealed class AcousticScan
{
    private readonly float[][] _channels;
    private readonly double _threshold;
    private readonly List<AcousticHit>[] _hitsPerChannel;

    public AcousticScan(float[][] channels, double threshold)
    {
        _channels = channels;
        _threshold = threshold;
        _hitsPerChannel = new List<AcousticHit>[channels.Length];
    }

    public IReadOnlyList<AcousticHit> Run()
    {
        var threads = new Thread[_channels.Length];
        for (int c = 0; c < _channels.Length; c++)
        {
            int channel = c;
            _hitsPerChannel[channel] = new List<AcousticHit>();
            threads[c] = new Thread(() => ScanChannel(channel)) { Name = $"acoustic-{channel}" };
        }

        foreach (var t in threads)
        {
            t.Start();
        }
        foreach (var t in threads)
        {
            t.Join();
        }

        return _hitsPerChannel
            .SelectMany(h => h)
            .OrderBy(h => h.SampleOffset)
            .ThenBy(h => h.SensorIndex)
            .ToList();
    }

    private void ScanChannel(int channel)
    {
        var samples = _channels[channel];
        var hits = _hitsPerChannel[channel];
        const int window = 256;
        for (long start = 0; start + window <= samples.Length; start += window)
        {
            double energy = 0;
            for (int i = 0; i < window; i++)
            {
                var s = samples[start + i];
                energy += s * s;
            }
            var rms = Math.Sqrt(energy / window);
            if (rms > _threshold)
            {
                hits.Add(new AcousticHit(channel, start, rms));
            }
        }
    }
}

public static class AcousticScanCli
{
    public static void Main2(string[] args)
    {
        var channels = args.Select(path =>
        {
            var bytes = File.ReadAllBytes(path);
            var floats = new float[bytes.Length / 4];
            Buffer.BlockCopy(bytes, 0, floats, 0, floats.Length * 4);
            return floats;
        }).ToArray();

        var hits = new AcousticScan(channels, threshold: 0.12).Run();
        foreach (var hit in hits)
        {
            Console.WriteLine($"sensor {hit.SensorIndex} @ {hit.SampleOffset}: rms {hit.Amplitude:F3}");
        }
    }
}
