namespace Blind22.SaltMine.Ventilation;

public enum FanState { Stopped, SpinningUp, Running }

/// <summary>
/// Gate that holds blasting crews at the shaft until the main ventilation fans are
/// running and the air has cleared. Crew tablets call <see cref="WaitForClearAir"/>
/// from their own threads; the fan controller thread reports state changes.
/// </summary>
public sealed class VentilationGate
{
    private readonly object _monitor = new();
    private FanState _state = FanState.Stopped;
    private double _coPpm = 100;
    private int _crewsWaiting;
    private const double SafeCoPpm = 25;

    public int CrewsWaiting
    {
        get { lock (_monitor) { return _crewsWaiting; } }
    }

    public void ReportFan(FanState state)
    {
        lock (_monitor)
        {
            _state = state;
            Monitor.PulseAll(_monitor);
        }
    }

    public void ReportGas(double coPpm)
    {
        lock (_monitor)
        {
            _coPpm = coPpm;
            Monitor.PulseAll(_monitor);
        }
    }

    public bool WaitForClearAir(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_monitor)
        {
            _crewsWaiting++;
            try
            {
                while (!(_state == FanState.Running && _coPpm <= SafeCoPpm))
                {
                    var remaining = deadline - DateTime.UtcNow;
                    if (remaining <= TimeSpan.Zero || !Monitor.Wait(_monitor, remaining))
                    {
                        return _state == FanState.Running && _coPpm <= SafeCoPpm;
                    }
                }
                return true;
            }
            finally
            {
                _crewsWaiting--;
            }
        }
    }
}

/// <summary>
/// Polls the fan drives and gas heads and forwards readings to the gate.
/// </summary>
public sealed class FanControllerLoop
{
    private readonly VentilationGate _gate;
    private readonly Func<(FanState Fan, double CoPpm)> _poll;

    public FanControllerLoop(VentilationGate gate, Func<(FanState, double)> poll)
    {
        _gate = gate;
        _poll = poll;
    }

    public Thread Start(CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                var (fan, co) = _poll();
                _gate.ReportFan(fan);
                _gate.ReportGas(co);
                ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(2));
            }
        }) { IsBackground = true, Name = "fan-controller" };
        thread.Start();
        return thread;
    }
}
