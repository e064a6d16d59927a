namespace Blind43.SaltMine.Ventilation;

public readonly struct PeakReading
{
    public PeakReading(string sensorId, double methanePpm, DateTime recordedAt)
    {
        SensorId = sensorId;
        MethanePpm = methanePpm;
        RecordedAt = recordedAt;
    }

    public string SensorId { get; }
    public double MethanePpm { get; }
    public DateTime RecordedAt { get; }
}

/// <summary>
/// Aggregates gas readings for one shaft of the salt mine. A single instance per shaft is
/// registered at start-up; sensor gateway threads call <see cref="Record"/> concurrently and
/// the surface control room polls <see cref="CurrentPeak"/> and <see cref="Average"/>.
/// </summary>
public sealed class ShaftAirMonitor
{
    private readonly object _gate = new();
    private readonly double _alarmPpm;
    private readonly Action<PeakReading> _onAlarm;
    private PeakReading _peak;
    private long _count;
    private double _sum;

    public ShaftAirMonitor(double alarmPpm, Action<PeakReading> onAlarm)
    {
        _alarmPpm = alarmPpm;
        _onAlarm = onAlarm;
    }

    public void Record(string sensorId, double methanePpm, DateTime recordedAt)
    {
        PeakReading? alarm = null;
        lock (_gate)
        {
            _count++;
            _sum += methanePpm;
            if (methanePpm > _peak.MethanePpm)
            {
                _peak = new PeakReading(sensorId, methanePpm, recordedAt);
                if (methanePpm >= _alarmPpm)
                {
                    alarm = _peak;
                }
            }
        }

        if (alarm is { } reading)
        {
            _onAlarm(reading);
        }
    }

    public PeakReading CurrentPeak => _peak;

    public double Average
    {
        get
        {
            lock (_gate)
            {
                return _count == 0 ? 0 : _sum / _count;
            }
        }
    }

    public void ResetShift()
    {
        lock (_gate)
        {
            _peak = default;
            _count = 0;
            _sum = 0;
        }
    }
}
