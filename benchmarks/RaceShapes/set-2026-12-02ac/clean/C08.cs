using System.Numerics;

namespace Blind29.RadioTelescope.Correlator;

public sealed record AntennaSamples(int AntennaId, float[] Voltages);

/// <summary>
/// Computes per-antenna power spectra for the array's quick-look display.
/// </summary>
public static class SpectrumCalculator
{
    [ThreadStatic]
    private static Complex[]? _scratch;

    public static double[][] PowerSpectra(IReadOnlyList<AntennaSamples> antennas, int fftSize)
    {
        var spectra = new double[antennas.Count][];
        Parallel.For(0, antennas.Count, i =>
        {
            spectra[i] = PowerSpectrum(antennas[i].Voltages, fftSize);
        });
        return spectra;
    }

    public static double[] PowerSpectrum(float[] samples, int fftSize)
    {
        var buffer = _scratch;
        if (buffer is null || buffer.Length != fftSize)
        {
            buffer = new Complex[fftSize];
            _scratch = buffer;
        }

        for (var n = 0; n < fftSize; n++)
        {
            buffer[n] = n < samples.Length ? new Complex(samples[n], 0) : Complex.Zero;
        }

        var power = new double[fftSize / 2];
        for (var k = 0; k < power.Length; k++)
        {
            var sum = Complex.Zero;
            for (var n = 0; n < fftSize; n++)
            {
                var angle = -2 * Math.PI * k * n / fftSize;
                sum += buffer[n] * new Complex(Math.Cos(angle), Math.Sin(angle));
            }

            power[k] = sum.Magnitude * sum.Magnitude / fftSize;
        }

        return power;
    }
}

public sealed class QuickLookDisplay
{
    private readonly ThreadLocal<Random> _jitter = new(() => new Random(Environment.CurrentManagedThreadId));

    public IReadOnlyList<string> Render(IReadOnlyList<AntennaSamples> antennas)
    {
        var spectra = SpectrumCalculator.PowerSpectra(antennas, 256);
        return spectra
            .AsParallel()
            .AsOrdered()
            .Select((s, i) => $"ant{antennas[i].AntennaId:D2} peak={s.Max():E2} dither={_jitter.Value!.NextDouble():0.00}")
            .ToList();
    }
}
