using Microsoft.Extensions.Hosting;

namespace Hydroponics.Dosing;

public sealed record DoseRecord(string Zone, double Millilitres, DateTimeOffset At);

/// <summary>
/// One concentrate reservoir (part A or part B) feeding the peristaltic pumps.
/// </summary>
public sealed class NutrientReservoir
{
    private readonly object _pumpLock = new();
    private readonly object _refillLock = new();
    private readonly List<DoseRecord> _doseLog = new();
    private readonly double _capacityMl;
    private double _remainingMl;

    public NutrientReservoir(double capacityMl)
    {
        _capacityMl = capacityMl;
        _remainingMl = capacityMl;
    }

    public double RemainingMl
    {
        get { lock (_pumpLock) return _remainingMl; }
    }

    public bool TryDose(string zone, double ml)
    {
        lock (_pumpLock)
        {
            if (_remainingMl < ml)
                return false;
            _remainingMl -= ml;
            _doseLog.Add(new DoseRecord(zone, ml, DateTimeOffset.UtcNow));
            return true;
        }
    }

    public void Refill(double ml)
    {
        lock (_refillLock)
        {
            _remainingMl = Math.Min(_capacityMl, _remainingMl + ml);
        }
    }
}

/// <summary>
/// Float switch on the mixing tank. Its serial reader runs on a dedicated thread and
/// raises <see cref="RefillCompleted"/> when a top-up cycle finishes.
/// </summary>
public sealed class ReservoirFloatSwitch
{
    private readonly Func<double?> _readPort;

    public ReservoirFloatSwitch(Func<double?> readPort) => _readPort = readPort;

    public event Action<double>? RefillCompleted;

    public void Start()
    {
        var thread = new Thread(() =>
        {
            while (true)
            {
                double? topUp = _readPort();
                if (topUp is null)
                    break;
                RefillCompleted?.Invoke(topUp.Value);
            }
        })
        { IsBackground = true, Name = "float-switch" };
        thread.Start();
    }
}

/// <summary>
/// Doses every grow zone on a fixed schedule.
/// </summary>
public sealed class DosingScheduler : BackgroundService
{
    private readonly NutrientReservoir _reservoir;
    private readonly IReadOnlyDictionary<string, double> _mlPerZone;

    public DosingScheduler(NutrientReservoir reservoir, ReservoirFloatSwitch floatSwitch,
        IReadOnlyDictionary<string, double> mlPerZone)
    {
        _reservoir = reservoir;
        _mlPerZone = mlPerZone;
        floatSwitch.RefillCompleted += ml => _reservoir.Refill(ml);
        floatSwitch.Start();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(15));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (zone, ml) in _mlPerZone)
            {
                if (!_reservoir.TryDose(zone, ml))
                    break;
            }
        }
    }
}
