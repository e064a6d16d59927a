using System.Buffers;

namespace Blind37.ViolinVarnish.Booth;

/// <summary>
/// A session at the UV curing booth: collects lamp-intensity samples for an instrument while
/// its varnish coat cures. Samples arrive from the lamp sensor callbacks; the session can be
/// closed from the workshop app at any time, possibly while a sample is being recorded.
/// </summary>
public sealed class CuringBoothSession : IDisposable
{
    private readonly object _gate = new();
    private readonly string _instrumentId;
    private double[]? _samples;
    private int _count;
    private bool _disposed;

    public CuringBoothSession(string instrumentId, int expectedSamples)
    {
        _instrumentId = instrumentId;
        _samples = ArrayPool<double>.Shared.Rent(expectedSamples);
    }

    public bool Record(double milliwattsPerCm2)
    {
        lock (_gate)
        {
            if (_disposed || _samples is null)
            {
                return false;
            }

            if (_count == _samples.Length)
            {
                var larger = ArrayPool<double>.Shared.Rent(_samples.Length * 2);
                Array.Copy(_samples, larger, _count);
                ArrayPool<double>.Shared.Return(_samples);
                _samples = larger;
            }

            _samples[_count++] = milliwattsPerCm2;
            return true;
        }
    }

    /// <summary>Total UV dose so far, assuming one sample per second.</summary>
    public double DoseJoulesPerCm2()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            double total = 0;
            for (var i = 0; i < _count; i++)
            {
                total += _samples![i] / 1000.0;
            }
            return total;
        }
    }

    public string Summary()
    {
        var dose = DoseJoulesPerCm2();
        return $"{_instrumentId}: {dose:F2} J/cm2";
    }

    public void Dispose()
    {
        double[]? toReturn;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            toReturn = _samples;
            _samples = null;
            _count = 0;
        }

        // Give the sample buffer back to the pool.
        if (toReturn is not null)
        {
            ArrayPool<double>.Shared.Return(toReturn);
        }
    }
}

/// <summary>Wires a session to the lamp sensor feed.</summary>
public sealed class CuringBoothController
{
    public CuringBoothSession Begin(string instrumentId, Action<Action<double>> subscribeToLamp)
    {
        var session = new CuringBoothSession(instrumentId, expectedSamples: 600);
        subscribeToLamp(sample => session.Record(sample));
        return session;
    }
}
