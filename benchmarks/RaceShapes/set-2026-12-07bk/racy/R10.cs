using System.Collections.Concurrent;

namespace Blind63.QuarryBlasting.Firing;

public readonly struct BlastRecord
{
    public BlastRecord(string Face, double ChargeKg, double PeakParticleVelocity, DateTime FiredAt)
    {
        this.Face = Face;
        this.ChargeKg = ChargeKg;
        this.PeakParticleVelocity = PeakParticleVelocity;
        this.FiredAt = FiredAt;
    }

    public string Face { get; }
    public double ChargeKg { get; }
    public double PeakParticleVelocity { get; }
    public DateTime FiredAt { get; }
}

public sealed record FiringOrder(string Face, double ChargeKg);

public interface IShotFirer
{
    double Fire(FiringOrder order);
}

/// <summary>
/// Fires queued blasts one at a time on a dedicated thread. The site office
/// status page and the vibration-monitor API read <see cref="LastBlast"/>.
/// </summary>
public sealed class BlastSequencer : IDisposable
{
    private readonly BlockingCollection<FiringOrder> _orders = new(boundedCapacity: 32);
    private readonly IShotFirer _firer;
    private readonly Thread _worker;
    private BlastRecord _lastBlast;

    public BlastSequencer(IShotFirer firer)
    {
        _firer = firer;
        _worker = new Thread(Run) { IsBackground = true, Name = "blast-sequencer" };
        _worker.Start();
    }

    public void Queue(FiringOrder order) => _orders.Add(order);

    /// <summary>Most recent blast, or default if nothing has been fired yet.</summary>
    public BlastRecord LastBlast => _lastBlast;

    public bool WithinVibrationLimit(double limitMmPerSecond)
    {
        var last = LastBlast;
        return last.Face is null || last.PeakParticleVelocity <= limitMmPerSecond;
    }

    private void Run()
    {
        foreach (var order in _orders.GetConsumingEnumerable())
        {
            double ppv = _firer.Fire(order);
            _lastBlast = new BlastRecord(order.Face, order.ChargeKg, ppv, DateTime.UtcNow);
        }
    }

    public void Dispose()
    {
        _orders.CompleteAdding();
        _worker.Join();
        _orders.Dispose();
    }
}
