using System.Timers;

namespace Blind26.CanalLocks.Sensors;

public sealed record ChamberReading(DateTime At, double UpperLevelM, double LowerLevelM, double ChamberLevelM);

public interface IChamberSensor
{
    ChamberReading Read();
}

/// <summary>
/// Polls the water level sensors of one lock chamber. The keeper's panel asks for the
/// recent readings; polling happens on the timer's thread-pool callbacks.
/// </summary>
public sealed class LockChamberPoller : IDisposable
{
    private readonly IChamberSensor _sensor;
    private readonly System.Timers.Timer _timer;
    private readonly object _logLock = new();
    private readonly List<ChamberReading> _log = new();
    private int _polling;

    public LockChamberPoller(IChamberSensor sensor, TimeSpan interval)
    {
        _sensor = sensor;
        _timer = new System.Timers.Timer(interval.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
        _timer.Start();
    }

    private void OnElapsed(object? sender, ElapsedEventArgs e)
    {
        if (Interlocked.CompareExchange(ref _polling, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var reading = _sensor.Read();
            lock (_logLock)
            {
                _log.Add(reading);
                if (_log.Count > 600)
                {
                    _log.RemoveRange(0, 100);
                }
            }
        }
        catch (IOException)
        {
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    public IReadOnlyList<ChamberReading> Recent(int count)
    {
        lock (_logLock)
        {
            int skip = Math.Max(0, _log.Count - count);
            return _log.GetRange(skip, _log.Count - skip);
        }
    }

    public bool IsLevelledWithUpper(double toleranceM)
    {
        ChamberReading? last;
        lock (_logLock)
        {
            last = _log.Count == 0 ? null : _log[^1];
        }

        return last is not null && Math.Abs(last.ChamberLevelM - last.UpperLevelM) <= toleranceM;
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Dispose();
    }
}
