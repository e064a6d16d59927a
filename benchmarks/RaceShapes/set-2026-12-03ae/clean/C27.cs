namespace Blind31.CandleDippingWorks.WaxPots;

public interface IWaxPotProbe
{
    double ReadTemperatureC(int pot);
}

/// <summary>
/// Watches the dipping pots' wax temperature and switches the heaters. The control step
/// runs on a timer; the shop-floor display reads the counters at any time.
/// </summary>
public sealed class WaxPotThermostat : IDisposable
{
    private readonly IWaxPotProbe _probe;
    private readonly Action<int, bool> _setHeater;
    private readonly bool[] _heaterOn;
    private readonly Timer _timer;
    private int _stepRunning;
    private long _steps;
    private long _skippedSteps;
    private long _heaterSwitches;

    public WaxPotThermostat(IWaxPotProbe probe, Action<int, bool> setHeater, int pots, TimeSpan period,
        double targetC = 72, double hysteresisC = 1.5)
    {
        _probe = probe;
        TargetC = targetC;
        HysteresisC = hysteresisC;
        _setHeater = setHeater;
        _heaterOn = new bool[pots];
        _timer = new Timer(_ => Step(), null, period, period);
    }

    public double TargetC { get; }

    public double HysteresisC { get; }

    public (long Steps, long Skipped, long Switches) Counters =>
        (Interlocked.Read(ref _steps), Interlocked.Read(ref _skippedSteps), Interlocked.Read(ref _heaterSwitches));

    private void Step()
    {
        // Skip this tick if the previous control step is still reading the probes.
        if (Interlocked.CompareExchange(ref _stepRunning, 1, 0) != 0)
        {
            Interlocked.Increment(ref _skippedSteps);
            return;
        }

        try
        {
            for (int pot = 0; pot < _heaterOn.Length; pot++)
            {
                double temperature = _probe.ReadTemperatureC(pot);

                bool wantHeat = _heaterOn[pot]
                    ? temperature < TargetC + HysteresisC
                    : temperature < TargetC - HysteresisC;

                if (wantHeat != _heaterOn[pot])
                {
                    _heaterOn[pot] = wantHeat;
                    _setHeater(pot, wantHeat);
                    Interlocked.Increment(ref _heaterSwitches);
                }
            }

            Interlocked.Increment(ref _steps);
        }
        finally
        {
            Volatile.Write(ref _stepRunning, 0);
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
