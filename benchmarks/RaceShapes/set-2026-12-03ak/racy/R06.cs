namespace Blind37.CanalLocks.Chamber;

public readonly record struct BoatArrival(string BoatName, bool Downhill, DateTime ArrivedUtc);

/// <summary>
/// Boats waiting for the lock chamber. Arrivals are reported from the towpath sensor
/// callbacks and the booking app; a single keeper thread works the chamber.
/// </summary>
public sealed class LockChamberQueue
{
    private readonly Queue<BoatArrival> _waiting = new();
    private readonly object _gate = new();
    private bool _closed;

    public void Arrive(BoatArrival boat)
    {
        lock (_gate)
        {
            if (_closed)
            {
                throw new InvalidOperationException("The lock is closed for the night.");
            }

            _waiting.Enqueue(boat);
            Monitor.Pulse(_gate);
        }
    }

    public bool TryTakeNext(out BoatArrival boat)
    {
        lock (_gate)
        {
            while (_waiting.Count == 0 && !_closed)
            {
                Monitor.Wait(_gate);
            }

            if (_waiting.Count == 0)
            {
                boat = default;
                return false;
            }
        }

        boat = _waiting.Dequeue();
        return true;
    }

    public void CloseForNight()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }
}

/// <summary>Works the chamber: fills or empties it for each waiting boat in turn.</summary>
public sealed class LockKeeper
{
    private readonly LockChamberQueue _queue;
    private readonly Action<string> _log;
    private readonly Thread _thread;

    public LockKeeper(LockChamberQueue queue, Action<string> log)
    {
        _queue = queue;
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = "lock-keeper" };
    }

    public void Start() => _thread.Start();

    public void Join() => _thread.Join();

    private void Run()
    {
        var chamberFull = false;
        while (_queue.TryTakeNext(out var boat))
        {
            // A downhill boat needs a full chamber, an uphill boat an empty one.
            if (boat.Downhill != chamberFull)
            {
                _log(chamberFull ? "Emptying chamber" : "Filling chamber");
                Thread.Sleep(50);
                chamberFull = boat.Downhill;
            }

            _log($"Passing {boat.BoatName} {(boat.Downhill ? "down" : "up")}");
            chamberFull = !chamberFull;
        }

        _log("Keeper finished for the night.");
    }
}
