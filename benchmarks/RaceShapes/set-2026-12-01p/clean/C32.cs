using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Timers;
using Timer = System.Timers.Timer;

namespace Blind16.Aquarium.Filtration;

public sealed record FlowSample(DateTimeOffset At, double LitresPerMinute, double PressureBar);

public sealed record FilterHealth(double AverageFlowLpm, double PressureTrendBarPerHour, bool BackwashRecommended);

public interface IFlowMeter
{
    FlowSample Read();
}

/// <summary>
/// Watches the sand filter flow and pressure on the shark tank loop and recommends a
/// backwash when the pressure drop trends upward. Readings come from the Modbus gateway
/// on the plant room network.
/// </summary>
public sealed class SandFilterWatch : IDisposable
{
    private readonly IFlowMeter _meter;
    private readonly Timer _timer;
    private readonly List<FlowSample> _samples = new();
    private FilterHealth? _health;
    private int _started;
    private int _disposed;

    public SandFilterWatch(IFlowMeter meter, TimeSpan interval)
    {
        _meter = meter;
        _timer = new Timer(interval.TotalMilliseconds) { AutoReset = false };
        _timer.Elapsed += OnElapsed;
    }

    public FilterHealth? Health => Volatile.Read(ref _health);

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _timer.Start();
        }
    }

    private void OnElapsed(object? sender, ElapsedEventArgs e)
    {
        try
        {
            _samples.Add(_meter.Read());
            if (_samples.Count > 360)
            {
                _samples.RemoveRange(0, _samples.Count - 360);
            }

            if (_samples.Count >= 10)
            {
                var first = _samples[0];
                var last = _samples[^1];
                var hours = Math.Max((last.At - first.At).TotalHours, 1.0 / 60);
                var trend = (last.PressureBar - first.PressureBar) / hours;
                var avgFlow = _samples.Average(s => s.LitresPerMinute);

                Volatile.Write(ref _health, new FilterHealth(
                    Math.Round(avgFlow, 1),
                    Math.Round(trend, 3),
                    trend > 0.05 || last.PressureBar > 1.6));
            }
        }
        catch (TimeoutException)
        {
            // Modbus gateway busy; try again next interval.
        }
        finally
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                _timer.Start();
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _timer.Stop();
            _timer.Elapsed -= OnElapsed;
            _timer.Dispose();
        }
    }
}
