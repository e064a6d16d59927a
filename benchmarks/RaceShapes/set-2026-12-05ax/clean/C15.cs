namespace Blind50.Orchard.FrostProtection;

/// <summary>
/// Tracks the overhead sprinklers used for frost protection in one orchard block. Sensor
/// gateway threads report water flow; the frost controller opens and closes the valve; the
/// morning report takes the night's totals and starts a new night.
/// </summary>
public sealed class FrostSprinklerBlock
{
    private readonly object _valveLock = new();
    private long _millilitres;
    private bool _valveOpen;
    private DateTime _openedUtc;
    private double _triggerTemperature;
    private TimeSpan _openDuration;

    public FrostSprinklerBlock(string name) => Name = name;

    public string Name { get; }

    /// <summary>Called by the flow gateway for every pulse batch.</summary>
    public void AddFlow(long millilitres) => Interlocked.Add(ref _millilitres, millilitres);

    public void OpenValve(double airTemperature)
    {
        lock (_valveLock)
        {
            if (_valveOpen)
            {
                return;
            }

            _valveOpen = true;
            _openedUtc = DateTime.UtcNow;
            _triggerTemperature = airTemperature;
        }
    }

    public void CloseValve()
    {
        lock (_valveLock)
        {
            if (!_valveOpen)
            {
                return;
            }

            _openDuration += DateTime.UtcNow - _openedUtc;
            _valveOpen = false;
        }
    }

    /// <summary>The valve state, for the controller's dashboard.</summary>
    public (bool Open, DateTime OpenedUtc, double TriggerTemperature) ValveState()
    {
        lock (_valveLock)
        {
            return (_valveOpen, _openedUtc, _triggerTemperature);
        }
    }

    /// <summary>Returns the water used and valve time since the previous call.</summary>
    public (double Litres, TimeSpan ValveOpen) TakeNightTotals()
    {
        var millilitres = Interlocked.Exchange(ref _millilitres, 0);
        TimeSpan open;
        lock (_valveLock)
        {
            open = _openDuration;
            if (_valveOpen)
            {
                var now = DateTime.UtcNow;
                open += now - _openedUtc;
                _openedUtc = now;
            }

            _openDuration = TimeSpan.Zero;
        }

        return (millilitres / 1000.0, open);
    }
}

/// <summary>Opens and closes the sprinklers as the air temperature crosses the thresholds.</summary>
public sealed class FrostController
{
    private readonly IReadOnlyList<FrostSprinklerBlock> _blocks;
    private readonly double _openBelow;
    private readonly double _closeAbove;

    public FrostController(IReadOnlyList<FrostSprinklerBlock> blocks, double openBelow, double closeAbove)
    {
        _blocks = blocks;
        _openBelow = openBelow;
        _closeAbove = closeAbove;
    }

    public async Task RunAsync(Func<Task<double>> readAirTemperature, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var temperature = await readAirTemperature();
            foreach (var block in _blocks)
            {
                if (temperature <= _openBelow)
                {
                    block.OpenValve(temperature);
                }
                else if (temperature >= _closeAbove)
                {
                    block.CloseValve();
                }
            }
        }
    }
}
