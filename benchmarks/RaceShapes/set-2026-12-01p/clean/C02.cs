using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Blind16.Avalanche.Station;

public readonly record struct SnowpackSample(DateTimeOffset At, double DepthCm, double AirTempC, double WindMs);

public sealed record SnowpackSummary(DateTimeOffset At, double DepthCm, double TwelveHourNewSnowCm, double MaxWindMs, int Samples);

public interface ISnowSensor
{
    SnowpackSample Sample();
}

/// <summary>
/// Samples the snow-depth and wind sensors on a timer and keeps a rolling twelve
/// hour summary for the avalanche warning service's station endpoint.
/// </summary>
public sealed class SnowpackSampler : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(12);

    private readonly ISnowSensor _sensor;
    private readonly Timer _timer;
    private readonly Queue<SnowpackSample> _window = new();
    private int _sampling;
    private SnowpackSummary? _summary;

    public SnowpackSampler(ISnowSensor sensor, TimeSpan period)
    {
        _sensor = sensor;
        _timer = new Timer(OnTick, null, TimeSpan.Zero, period);
    }

    /// <summary>Latest summary, or null before the first sample.</summary>
    public SnowpackSummary? Current => Volatile.Read(ref _summary);

    private void OnTick(object? state)
    {
        // Skip this tick if the previous one is still talking to the sensor.
        if (Interlocked.Exchange(ref _sampling, 1) == 1)
        {
            return;
        }

        try
        {
            var sample = _sensor.Sample();
            _window.Enqueue(sample);

            while (_window.Count > 0 && sample.At - _window.Peek().At > Window)
            {
                _window.Dequeue();
            }

            var oldestDepth = _window.Peek().DepthCm;
            var summary = new SnowpackSummary(
                sample.At,
                sample.DepthCm,
                Math.Max(0, sample.DepthCm - oldestDepth),
                _window.Max(s => s.WindMs),
                _window.Count);

            Volatile.Write(ref _summary, summary);
        }
        catch (TimeoutException)
        {
            // Sensor bus busy; the next tick will retry.
        }
        finally
        {
            Volatile.Write(ref _sampling, 0);
        }
    }

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        _timer.Dispose(done);
        done.WaitOne();
    }
}
