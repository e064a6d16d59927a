namespace Blind50.Canals.LockKeeping;

public enum Heading
{
    Upstream = 0,
    Downstream = 1,
}

/// <summary>
/// Models a single canal lock chamber. Boats arriving from either end wait until the chamber is
/// set for their direction and has room; the chamber serves one direction at a time and turns
/// round when it empties and boats are waiting at the other end. Each boat's passage runs on
/// its own worker thread in the traffic simulation.
/// </summary>
public sealed class LockChamber
{
    private readonly object _gate = new();
    private readonly int _capacity;
    private readonly int[] _waiting = new int[2];
    private Heading _setFor = Heading.Upstream;
    private int _inside;
    private int _passages;

    public LockChamber(int capacity) => _capacity = capacity;

    public void Enter(Heading heading)
    {
        lock (_gate)
        {
            _waiting[(int)heading]++;
            while (!CanEnterLocked(heading))
            {
                Monitor.Wait(_gate);
            }

            _waiting[(int)heading]--;
            _setFor = heading;
            _inside++;
        }
    }

    public void Leave()
    {
        lock (_gate)
        {
            _inside--;
            _passages++;
            if (_inside == 0 && _waiting[(int)Opposite(_setFor)] > 0)
            {
                _setFor = Opposite(_setFor);
            }

            Monitor.PulseAll(_gate);
        }
    }

    public (int Inside, Heading SetFor, int Passages) Status()
    {
        lock (_gate)
        {
            return (_inside, _setFor, _passages);
        }
    }

    private bool CanEnterLocked(Heading heading)
    {
        if (_inside >= _capacity)
        {
            return false;
        }

        if (_inside == 0)
        {
            return _setFor == heading || _waiting[(int)_setFor] == 0;
        }

        return _setFor == heading;
    }

    private static Heading Opposite(Heading heading) =>
        heading == Heading.Upstream ? Heading.Downstream : Heading.Upstream;
}

/// <summary>Simulates a summer afternoon of narrowboat traffic through the lock.</summary>
public static class LockTrafficSimulation
{
    public static (int Passages, TimeSpan Elapsed) Run(int boats, int capacity, int seed)
    {
        var chamber = new LockChamber(capacity);
        var random = new Random(seed);
        var headings = Enumerable.Range(0, boats)
            .Select(_ => random.Next(2) == 0 ? Heading.Upstream : Heading.Downstream)
            .ToArray();

        using var allDone = new CountdownEvent(boats);
        var started = DateTime.UtcNow;
        foreach (var heading in headings)
        {
            ThreadPool.QueueUserWorkItem(h =>
            {
                try
                {
                    chamber.Enter(h);
                    Thread.Sleep(20);
                    chamber.Leave();
                }
                finally
                {
                    allDone.Signal();
                }
            }, heading, preferLocal: false);
        }

        allDone.Wait();
        return (chamber.Status().Passages, DateTime.UtcNow - started);
    }
}
