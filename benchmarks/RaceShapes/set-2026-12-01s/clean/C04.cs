using Microsoft.Extensions.Hosting;

namespace Hydroponics.Controller;

public sealed record DoseEvent(string Channel, double Millilitres, DateTimeOffset At);

/// <summary>
/// pH-down acid tank. Dosing runs from the control loop; top-ups are reported by the
/// tank level sensor on its own reader thread.
/// </summary>
public sealed class AcidTank
{
    private readonly object _sync = new();
    private readonly Queue<DoseEvent> _recent = new();
    private readonly double _capacityMl;
    private double _remainingMl;

    public AcidTank(double capacityMl)
    {
        _capacityMl = capacityMl;
        _remainingMl = capacityMl;
    }

    public double RemainingMl
    {
        get { lock (_sync) return _remainingMl; }
    }

    public bool TryDose(string channel, double ml)
    {
        lock (_sync)
        {
            if (_remainingMl < ml)
                return false;
            _remainingMl -= ml;
            _recent.Enqueue(new DoseEvent(channel, ml, DateTimeOffset.UtcNow));
            while (_recent.Count > 100)
                _recent.Dequeue();
            return true;
        }
    }

    public void TopUp(double ml)
    {
        lock (_sync)
        {
            _remainingMl = Math.Min(_capacityMl, _remainingMl + ml);
        }
    }

    public IReadOnlyList<DoseEvent> RecentDoses()
    {
        lock (_sync) return _recent.ToArray();
    }
}

/// <summary>
/// Keeps reservoir pH in band by dosing acid in small pulses.
/// </summary>
public sealed class PhControlLoop : BackgroundService
{
    private readonly AcidTank _tank;
    private readonly Func<double> _readPh;
    private readonly double _targetPh;

    public PhControlLoop(AcidTank tank, Func<double> readPh, double targetPh = 5.8)
    {
        _tank = tank;
        _readPh = readPh;
        _targetPh = targetPh;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            double ph = _readPh();
            if (ph > _targetPh + 0.2)
                _tank.TryDose("ph-down", Math.Min(5.0, (ph - _targetPh) * 4.0));
        }
    }
}

/// <summary>
/// Reads the tank level sensor and records manual top-ups.
/// </summary>
public sealed class TankLevelReader
{
    public static Thread StartReading(AcidTank tank, Func<double?> readTopUp)
    {
        var thread = new Thread(() =>
        {
            while (readTopUp() is { } ml)
                tank.TopUp(ml);
        })
        { IsBackground = true, Name = "acid-level" };
        thread.Start();
        return thread;
    }
}
