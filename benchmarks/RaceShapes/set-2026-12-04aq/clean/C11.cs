namespace Blind43.Darkroom.Tanks;

/// <summary>A daylight developing tank, loaded with film and returned after the wash.</summary>
public sealed class DevelopingTank
{
    public DevelopingTank(int number, int reelCapacity)
    {
        Number = number;
        ReelCapacity = reelCapacity;
    }

    public int Number { get; }
    public int ReelCapacity { get; }
    public int RollsDeveloped { get; set; }
}

/// <summary>
/// The darkroom's shelf of developing tanks, shared by the members developing film at the same
/// time. Members wait for a tank when all are in use.
/// </summary>
public sealed class TankShelf
{
    private readonly object _gate = new();
    private readonly Stack<DevelopingTank> _available = new();
    private readonly HashSet<int> _checkedOut = new();
    private int _waiting;

    public TankShelf(IEnumerable<DevelopingTank> tanks)
    {
        foreach (var tank in tanks)
        {
            _available.Push(tank);
        }
    }

    public DevelopingTank Take(int reelsNeeded, CancellationToken ct)
    {
        using var wake = ct.Register(() =>
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        });

        lock (_gate)
        {
            _waiting++;
            try
            {
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    var tank = _available.FirstOrDefault(t => t.ReelCapacity >= reelsNeeded);
                    if (tank is not null)
                    {
                        var rest = _available.Where(t => !ReferenceEquals(t, tank)).Reverse().ToList();
                        _available.Clear();
                        foreach (var t in rest)
                        {
                            _available.Push(t);
                        }

                        _checkedOut.Add(tank.Number);
                        return tank;
                    }

                    Monitor.Wait(_gate);
                }
            }
            finally
            {
                _waiting--;
            }
        }
    }

    public void Return(DevelopingTank tank, int rolls)
    {
        lock (_gate)
        {
            if (!_checkedOut.Remove(tank.Number))
            {
                throw new InvalidOperationException($"Tank {tank.Number} was not checked out.");
            }

            tank.RollsDeveloped += rolls;
            _available.Push(tank);
            Monitor.PulseAll(_gate);
        }
    }

    public (int Free, int InUse, int Waiting) Status()
    {
        lock (_gate)
        {
            return (_available.Count, _checkedOut.Count, _waiting);
        }
    }
}
