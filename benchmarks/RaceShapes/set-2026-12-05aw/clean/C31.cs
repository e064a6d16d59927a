namespace RadioTelescopes.Correlator;

/// <summary>
/// Computes per-channel power spectra for a block of antenna samples. Each worker thread
/// keeps its own scratch buffers so repeated channels do not allocate.
/// </summary>
public sealed class SpectrumProcessor : IDisposable
{
    private readonly int _fftSize;
    private readonly ThreadLocal<double[]> _scratchRe;
    private readonly ThreadLocal<double[]> _scratchIm;

    [ThreadStatic]
    private static int t_blocksOnThisThread;

    public SpectrumProcessor(int fftSize)
    {
        _fftSize = fftSize;
        _scratchRe = new ThreadLocal<double[]>(() => new double[fftSize]);
        _scratchIm = new ThreadLocal<double[]>(() => new double[fftSize]);
    }

    public double[][] Process(float[][] samplesPerChannel)
    {
        var spectra = new double[samplesPerChannel.Length][];
        Parallel.For(0, samplesPerChannel.Length, ch =>
        {
            spectra[ch] = PowerSpectrum(samplesPerChannel[ch]);
            t_blocksOnThisThread++;
        });
        return spectra;
    }

    private double[] PowerSpectrum(float[] samples)
    {
        var re = _scratchRe.Value!;
        var im = _scratchIm.Value!;
        int n = Math.Min(_fftSize, samples.Length);
        var power = new double[n / 2];

        // Plain DFT over the first half of the bins; fine for the small diagnostic blocks.
        for (int k = 0; k < n / 2; k++)
        {
            re[k] = 0;
            im[k] = 0;
            for (int t = 0; t < n; t++)
            {
                double angle = -2 * Math.PI * k * t / n;
                re[k] += samples[t] * Math.Cos(angle);
                im[k] += samples[t] * Math.Sin(angle);
            }
            power[k] = (re[k] * re[k] + im[k] * im[k]) / n;
        }
        return power;
    }

    public static int BlocksOnCurrentThread => t_blocksOnThisThread;

    public void Dispose()
    {
        _scratchRe.Dispose();
        _scratchIm.Dispose();
    }
}

/// <summary>Flags channels with narrow-band interference in a processed block.</summary>
public static class RfiFlagger
{
    public static IReadOnlyList<int> FlagChannels(SpectrumProcessor processor, float[][] block, double peakToMean)
    {
        var spectra = processor.Process(block);
        var flagged = new List<int>();
        for (int ch = 0; ch < spectra.Length; ch++)
        {
            var s = spectra[ch];
            if (s.Length == 0)
            {
                continue;
            }
            double mean = s.Average();
            if (mean > 0 && s.Max() / mean > peakToMean)
            {
                flagged.Add(ch);
            }
        }
        return flagged;
    }
}
