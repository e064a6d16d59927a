using System.Collections.Concurrent;

namespace Blind66.BagpipeMakers.Tuning;

/// <summary>
/// FFT workspace used to analyse a chanter reed's pitch. Allocating the buffers is costly,
/// so analysers are pooled and reused between requests.
/// </summary>
public sealed class ReedPitchAnalyser
{
    private readonly double[] _window;
    private readonly double[] _magnitudes;

    public ReedPitchAnalyser(int size)
    {
        _window = new double[size];
        _magnitudes = new double[size / 2];
    }

    public int Size => _window.Length;

    public double FundamentalHz(ReadOnlySpan<float> samples, int sampleRate)
    {
        var n = Math.Min(samples.Length, _window.Length);
        for (var i = 0; i < n; i++)
        {
            var hann = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (n - 1));
            _window[i] = samples[i] * hann;
        }

        var best = 1;
        for (var k = 1; k < _magnitudes.Length; k++)
        {
            double re = 0, im = 0;
            for (var i = 0; i < n; i += 4)
            {
                var angle = 2 * Math.PI * k * i / n;
                re += _window[i] * Math.Cos(angle);
                im -= _window[i] * Math.Sin(angle);
            }

            _magnitudes[k] = re * re + im * im;
            if (_magnitudes[k] > _magnitudes[best])
            {
                best = k;
            }
        }

        return (double)best * sampleRate / n;
    }
}

/// <summary>
/// Pool of analysers shared by the tuning-bench API.
/// </summary>
public sealed class ReedAnalyserPool
{
    private readonly ConcurrentBag<ReedPitchAnalyser> _free = new();
    private readonly int _size;
    private readonly int _maxRetained;
    private int _retained;

    public ReedAnalyserPool(int size = 4096, int maxRetained = 16)
    {
        _size = size;
        _maxRetained = maxRetained;
    }

    public ReedPitchAnalyser Rent()
    {
        if (_free.TryTake(out var analyser))
        {
            Interlocked.Decrement(ref _retained);
            return analyser;
        }

        return new ReedPitchAnalyser(_size);
    }

    public void Return(ReedPitchAnalyser analyser)
    {
        if (analyser.Size != _size)
        {
            return;
        }

        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _free.Add(analyser);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }

    public double Measure(ReadOnlySpan<float> samples, int sampleRate)
    {
        var analyser = Rent();
        try
        {
            return analyser.FundamentalHz(samples, sampleRate);
        }
        finally
        {
            Return(analyser);
        }
    }
}
