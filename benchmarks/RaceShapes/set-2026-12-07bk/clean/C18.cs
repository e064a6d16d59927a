namespace Blind63.HopFarm.Kiln;

public sealed record HopPocket(string Variety, string Garden, double WeightKg, double MoisturePercent);

/// <summary>
/// Hand-off between the oast-house press and the pocket weighing station.
/// The press thread produces pockets; two weighing threads take them.
/// Capacity matches the number of pockets the cooling floor can hold.
/// </summary>
public sealed class CoolingFloor
{
    private readonly object _gate = new();
    private readonly Queue<HopPocket> _pockets = new();
    private readonly int _capacity;
    private bool _closed;

    public CoolingFloor(int capacity) => _capacity = capacity;

    public void Put(HopPocket pocket)
    {
        lock (_gate)
        {
            while (_pockets.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_gate);
            }
            if (_closed)
            {
                throw new InvalidOperationException("Cooling floor closed for the day.");
            }
            _pockets.Enqueue(pocket);
            Monitor.PulseAll(_gate);
        }
    }

    public bool TryTake(out HopPocket? pocket)
    {
        lock (_gate)
        {
            while (_pockets.Count == 0 && !_closed)
            {
                Monitor.Wait(_gate);
            }
            if (_pockets.Count == 0)
            {
                pocket = null;
                return false;
            }
            pocket = _pockets.Dequeue();
            Monitor.PulseAll(_gate);
            return true;
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }
}

public sealed class WeighingStation
{
    private readonly CoolingFloor _floor;
    private readonly object _totalsGate = new();
    private readonly Dictionary<string, double> _kgByVariety = new();

    public WeighingStation(CoolingFloor floor) => _floor = floor;

    public Thread[] StartWeighers(int count)
    {
        var threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            threads[i] = new Thread(Weigh) { IsBackground = true, Name = $"weigher-{i}" };
            threads[i].Start();
        }
        return threads;
    }

    private void Weigh()
    {
        while (_floor.TryTake(out var pocket))
        {
            double dryKg = pocket!.WeightKg * (1 - pocket.MoisturePercent / 100.0);
            lock (_totalsGate)
            {
                _kgByVariety[pocket.Variety] = _kgByVariety.GetValueOrDefault(pocket.Variety) + dryKg;
            }
        }
    }

    public IReadOnlyDictionary<string, double> Totals()
    {
        lock (_totalsGate)
        {
            return new Dictionary<string, double>(_kgByVariety);
        }
    }
}
