using System.Buffers;

namespace Blind51.FishHatcheries.Sensors;

public readonly record struct OxygenSummary(string TankId, int Samples, double Mean, double Min);

/// <summary>
/// Collects dissolved-oxygen readings for one hatchery tank and publishes a rolling summary
/// every few seconds. Readings arrive from the probe driver's callback thread; the summary is
/// produced on a timer thread. The gateway is disposed when the tank is taken offline.
/// </summary>
public sealed class TankOxygenGateway : IDisposable
{
    private const int WindowSize = 256;

    private readonly object _sync = new();
    private readonly string _tankId;
    private readonly Action<OxygenSummary> _publish;
    private readonly Timer _flushTimer;
    private double[]? _window;
    private int _count;

    public TankOxygenGateway(string tankId, Action<OxygenSummary> publish, TimeSpan flushInterval)
    {
        _tankId = tankId;
        _publish = publish;
        _window = ArrayPool<double>.Shared.Rent(WindowSize);
        _flushTimer = new Timer(_ => Flush(), null, flushInterval, flushInterval);
    }

    /// <summary>Called by the probe driver for every reading, in mg/L.</summary>
    public void Record(double milligramsPerLitre)
    {
        lock (_sync)
        {
            var window = _window;
            if (window is null) return;

            if (_count < WindowSize)
            {
                window[_count++] = milligramsPerLitre;
            }
            else
            {
                Array.Copy(window, 1, window, 0, WindowSize - 1);
                window[WindowSize - 1] = milligramsPerLitre;
            }
        }
    }

    private void Flush()
    {
        OxygenSummary summary;
        lock (_sync)
        {
            var window = _window;
            if (window is null || _count == 0) return;

            double sum = 0, min = double.MaxValue;
            for (int i = 0; i < _count; i++)
            {
                sum += window[i];
                min = Math.Min(min, window[i]);
            }
            summary = new OxygenSummary(_tankId, _count, sum / _count, min);
        }

        _publish(summary);
    }

    public void Dispose()
    {
        _flushTimer.Dispose();

        var window = _window;
        _window = null;
        if (window is not null)
            ArrayPool<double>.Shared.Return(window);
    }
}

/// <summary>
/// Keeps one gateway per active tank.
/// </summary>
public sealed class HatcheryTankMonitor : IDisposable
{
    private readonly Dictionary<string, TankOxygenGateway> _gateways = new();
    private readonly Action<OxygenSummary> _publish;

    public HatcheryTankMonitor(Action<OxygenSummary> publish) => _publish = publish;

    public TankOxygenGateway BringOnline(string tankId)
    {
        var gateway = new TankOxygenGateway(tankId, _publish, TimeSpan.FromSeconds(5));
        _gateways.Add(tankId, gateway);
        return gateway;
    }

    public void TakeOffline(string tankId)
    {
        if (_gateways.Remove(tankId, out var gateway))
            gateway.Dispose();
    }

    public void Dispose()
    {
        foreach (var gateway in _gateways.Values) gateway.Dispose();
        _gateways.Clear();
    }
}
