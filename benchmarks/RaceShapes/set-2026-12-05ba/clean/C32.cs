using System.Collections.Concurrent;

namespace Blind53.BellFoundries.Alloy;

public readonly record struct CrucibleReading(int Crucible, double TemperatureC, double TinPercent);

/// <summary>
/// Watches the bronze melt in each crucible and raises <see cref="OutOfSpec"/> from its
/// sampling thread when the tin content drifts.
/// </summary>
public sealed class BellMetalMonitor : IDisposable
{
    private readonly Func<int, CrucibleReading> _sample;
    private readonly int[] _crucibles;
    private readonly double _targetTin;
    private readonly double _tolerance;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<int, CrucibleReading> _latest = new();
    private readonly Task _sampling;

    public BellMetalMonitor(Func<int, CrucibleReading> sample, IEnumerable<int> crucibles, double targetTinPercent, double tolerance)
    {
        _sample = sample;
        _crucibles = crucibles.ToArray();
        _targetTin = targetTinPercent;
        _tolerance = tolerance;
        _sampling = Task.Factory.StartNew(SampleLoop, TaskCreationOptions.LongRunning);
    }

    public event Action<CrucibleReading>? OutOfSpec;

    public IReadOnlyDictionary<int, CrucibleReading> Latest => new Dictionary<int, CrucibleReading>(_latest);

    private void SampleLoop()
    {
        var token = _stop.Token;
        while (!token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
        {
            foreach (var crucible in _crucibles)
            {
                var reading = _sample(crucible);
                _latest[crucible] = reading;
                if (Math.Abs(reading.TinPercent - _targetTin) > _tolerance)
                {
                    OutOfSpec?.Invoke(reading);
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _sampling.Wait();
        _stop.Dispose();
    }
}

/// <summary>
/// Foundry-floor alarm panel; counts alarms raised by the monitor's sampling thread.
/// </summary>
public sealed class AlarmPanel
{
    private int _alarms;
    private CrucibleReading? _lastAlarm;
    private readonly object _gate = new();

    public AlarmPanel(BellMetalMonitor monitor)
    {
        monitor.OutOfSpec += OnOutOfSpec;
    }

    public (int Count, CrucibleReading? Last) Status
    {
        get
        {
            lock (_gate)
            {
                return (_alarms, _lastAlarm);
            }
        }
    }

    private void OnOutOfSpec(CrucibleReading reading)
    {
        lock (_gate)
        {
            _alarms++;
            _lastAlarm = reading;
        }
    }
}
