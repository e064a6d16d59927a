using System.Buffers;

namespace Blind51.FishHatcheries.Temperature;

public readonly record struct TemperatureSummary(string RacewayId, int Samples, double MeanC, double MaxC);

/// <summary>
/// Buffers water temperature readings from a raceway probe and publishes a summary on a
/// timer. Readings arrive on the probe driver's thread; summaries are produced on the timer
/// thread. The gateway is disposed when the raceway is drained.
/// </summary>
public sealed class RacewayTemperatureGateway : IDisposable
{
    private const int Capacity = 512;

    private readonly object _sync = new();
    private readonly string _racewayId;
    private readonly Action<TemperatureSummary> _publish;
    private readonly Timer _timer;
    private double[]? _samples;
    private int _count;

    public RacewayTemperatureGateway(string racewayId, Action<TemperatureSummary> publish, TimeSpan period)
    {
        _racewayId = racewayId;
        _publish = publish;
        _samples = ArrayPool<double>.Shared.Rent(Capacity);
        _timer = new Timer(_ => Publish(), null, period, period);
    }

    public bool Record(double celsius)
    {
        lock (_sync)
        {
            if (_samples is null) return false;
            if (_count == Capacity) return false;
            _samples[_count++] = celsius;
            return true;
        }
    }

    private void Publish()
    {
        TemperatureSummary summary;
        lock (_sync)
        {
            if (_samples is null || _count == 0) return;

            double sum = 0, max = double.MinValue;
            for (int i = 0; i < _count; i++)
            {
                sum += _samples[i];
                if (_samples[i] > max) max = _samples[i];
            }
            summary = new TemperatureSummary(_racewayId, _count, sum / _count, max);
            _count = 0;
        }

        _publish(summary);
    }

    public void Dispose()
    {
        using (var timerDone = new ManualResetEvent(false))
        {
            if (_timer.Dispose(timerDone))
                timerDone.WaitOne(TimeSpan.FromSeconds(5));
        }

        double[]? toReturn;
        lock (_sync)
        {
            toReturn = _samples;
            _samples = null;
            _count = 0;
        }

        if (toReturn is not null)
            ArrayPool<double>.Shared.Return(toReturn);
    }
}

/// <summary>
/// Bridges the probe driver's callback to the gateway.
/// </summary>
public sealed class RacewayProbeBinding : IDisposable
{
    private readonly RacewayTemperatureGateway _gateway;
    private readonly Action<Action<double>> _unsubscribe;
    private readonly Action<double> _handler;

    public RacewayProbeBinding(RacewayTemperatureGateway gateway, Action<Action<double>> subscribe, Action<Action<double>> unsubscribe)
    {
        _gateway = gateway;
        _unsubscribe = unsubscribe;
        _handler = reading => _gateway.Record(reading);
        subscribe(_handler);
    }

    public void Dispose()
    {
        _unsubscribe(_handler);
        _gateway.Dispose();
    }
}
