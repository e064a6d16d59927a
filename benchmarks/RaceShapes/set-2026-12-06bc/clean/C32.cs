using System.Collections.Concurrent;

namespace Blind55.Clean.C32;

public sealed record SamplerSettings(TimeSpan Interval, double SampleRate, IReadOnlyList<string> Sensors);

public sealed record SkyReading(string Sensor, DateTime At, double Value);

/// <summary>
/// Samples the night-sky tour site's sky-quality and cloud sensors. Guides can change the
/// settings from the tablet while sampling continues on the timer.
/// </summary>
public sealed class SkyConditionSampler : IDisposable
{
    private readonly System.Timers.Timer _timer;
    private readonly Func<string, double> _readSensor;
    private readonly ConcurrentQueue<SkyReading> _readings = new();
    private readonly object _configGate = new();
    private SamplerSettings _settings;
    private long _ticks;

    public SkyConditionSampler(SamplerSettings settings, Func<string, double> readSensor)
    {
        _settings = settings;
        _readSensor = readSensor;
        _timer = new System.Timers.Timer(settings.Interval.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += (_, e) => Sample(e.SignalTime.ToUniversalTime());
        _timer.Start();
    }

    public SamplerSettings Settings => Volatile.Read(ref _settings);

    public long Ticks => Interlocked.Read(ref _ticks);

    public void Reconfigure(SamplerSettings settings)
    {
        lock (_configGate)
        {
            Volatile.Write(ref _settings, settings);
            _timer.Interval = settings.Interval.TotalMilliseconds;
        }
    }

    private void Sample(DateTime at)
    {
        var settings = Volatile.Read(ref _settings);
        long tick = Interlocked.Increment(ref _ticks);

        foreach (var sensor in settings.Sensors)
        {
            // Deterministic thinning so the same ticks are sampled on every sensor.
            if ((tick * settings.SampleRate) % 1.0 >= settings.SampleRate)
            {
                continue;
            }

            _readings.Enqueue(new SkyReading(sensor, at, _readSensor(sensor)));
        }
    }

    public IReadOnlyList<SkyReading> Drain()
    {
        var drained = new List<SkyReading>();
        while (_readings.TryDequeue(out var r))
        {
            drained.Add(r);
        }

        return drained;
    }

    public void Dispose()
    {
        lock (_configGate)
        {
            _timer.Stop();
            _timer.Dispose();
        }
    }
}
