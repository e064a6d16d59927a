using System.Numerics;

namespace RadioTelescope.Correlator;

/// <summary>
/// Cross-correlates the channelised voltage streams of antenna pairs for one
/// integration period.
/// </summary>
public sealed class BaselineCorrelator
{
    private readonly int _channels;
    private Complex[] _scratch;

    public BaselineCorrelator(int channels)
    {
        _channels = channels;
        _scratch = new Complex[channels];
    }

    /// <summary>
    /// Returns the visibility amplitude per baseline, averaged over channels.
    /// </summary>
    public double[] Correlate(IReadOnlyList<Complex[]> antennaSpectra)
    {
        var baselines = new List<(int A, int B)>();
        for (int a = 0; a < antennaSpectra.Count; a++)
        {
            for (int b = a + 1; b < antennaSpectra.Count; b++)
            {
                baselines.Add((a, b));
            }
        }

        var amplitudes = new double[baselines.Count];
        Parallel.For(0, baselines.Count, i =>
        {
            var (a, b) = baselines[i];
            amplitudes[i] = CorrelatePair(antennaSpectra[a], antennaSpectra[b]);
        });
        return amplitudes;
    }

    private double CorrelatePair(Complex[] x, Complex[] y)
    {
        if (_scratch.Length != _channels)
        {
            _scratch = new Complex[_channels];
        }

        for (int ch = 0; ch < _channels; ch++)
        {
            _scratch[ch] = x[ch] * Complex.Conjugate(y[ch]);
        }

        Complex sum = Complex.Zero;
        for (int ch = 0; ch < _channels; ch++)
        {
            sum += _scratch[ch];
        }
        return (sum / _channels).Magnitude;
    }
}

/// <summary>
/// Drives the correlator for each integration dump from the F-engine.
/// </summary>
public sealed class IntegrationPipeline
{
    private readonly BaselineCorrelator _correlator;
    private readonly Action<int, double[]> _sink;

    public IntegrationPipeline(BaselineCorrelator correlator, Action<int, double[]> sink)
    {
        _correlator = correlator;
        _sink = sink;
    }

    public void Process(int integration, IReadOnlyList<Complex[]> spectra)
    {
        var amplitudes = _correlator.Correlate(spectra);
        _sink(integration, amplitudes);
    }
}
