namespace Blind26.Vineyard.FanControl;

public interface IFrostSensors
{
    double AirTemperatureC();
    double InversionDeltaC();
}

public interface IFanActuator
{
    void SetRunning(string fan, bool running);
}

/// <summary>
/// Turns the vineyard's frost fans on and off. Decisions are taken on a timer; the night
/// operator's dashboard reads fan states and the last temperature through the API.
/// </summary>
public sealed class FanControlLoop : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, bool> _running = new();
    private readonly IFrostSensors _sensors;
    private readonly IFanActuator _actuator;
    private readonly double _startBelowC;
    private readonly Timer _timer;
    private double _lastTemperatureC = double.NaN;

    public FanControlLoop(IFrostSensors sensors, IFanActuator actuator, IEnumerable<string> fans, double startBelowC)
    {
        _sensors = sensors;
        _actuator = actuator;
        _startBelowC = startBelowC;
        foreach (string fan in fans)
        {
            _running[fan] = false;
        }

        _timer = new Timer(Tick, null, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    private void Tick(object? state)
    {
        if (!Monitor.TryEnter(_gate))
        {
            return;
        }

        try
        {
            double temp = _sensors.AirTemperatureC();
            double inversion = _sensors.InversionDeltaC();
            _lastTemperatureC = temp;

            bool shouldRun = temp < _startBelowC && inversion > 1.5;
            foreach (string fan in _running.Keys.ToList())
            {
                if (_running[fan] != shouldRun)
                {
                    _actuator.SetRunning(fan, shouldRun);
                    _running[fan] = shouldRun;
                }
            }
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    public double LastTemperatureC
    {
        get
        {
            lock (_gate)
            {
                return _lastTemperatureC;
            }
        }
    }

    public bool IsRunning(string fan)
    {
        lock (_gate)
        {
            return _running.TryGetValue(fan, out bool running) && running;
        }
    }

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        if (_timer.Dispose(done))
        {
            done.WaitOne();
        }
    }
}
