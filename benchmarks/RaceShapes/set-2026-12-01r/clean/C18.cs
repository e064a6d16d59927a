namespace Elevators.Dispatch;

public readonly record struct HallCall(int Floor, bool GoingUp, DateTime PressedAt);

/// <summary>
/// Queue of hall calls for one elevator bank. Button panels on every floor push calls
/// from their I/O threads; the dispatcher thread takes them one at a time.
/// </summary>
public sealed class HallCallQueue
{
    private readonly object _monitor = new();
    private readonly Queue<HallCall> _calls = new();
    private readonly HashSet<(int Floor, bool Up)> _pending = new();
    private bool _closed;

    public bool Push(HallCall call)
    {
        lock (_monitor)
        {
            if (_closed || !_pending.Add((call.Floor, call.GoingUp)))
            {
                return false;
            }

            _calls.Enqueue(call);
            Monitor.Pulse(_monitor);
            return true;
        }
    }

    public bool TryTake(out HallCall call)
    {
        lock (_monitor)
        {
            while (_calls.Count == 0 && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_calls.Count == 0)
            {
                call = default;
                return false;
            }

            call = _calls.Dequeue();
            _pending.Remove((call.Floor, call.GoingUp));
            return true;
        }
    }

    public void Close()
    {
        lock (_monitor)
        {
            _closed = true;
            Monitor.PulseAll(_monitor);
        }
    }
}

/// <summary>
/// Sends the nearest idle car to each hall call.
/// </summary>
public sealed class BankDispatcher
{
    private readonly HallCallQueue _queue;
    private readonly int[] _carFloors;
    private readonly Thread _thread;

    public BankDispatcher(HallCallQueue queue, int cars)
    {
        _queue = queue;
        _carFloors = new int[cars];
        _thread = new Thread(Run) { IsBackground = true, Name = "elevator-dispatch" };
    }

    public void Start() => _thread.Start();

    public void Stop()
    {
        _queue.Close();
        _thread.Join();
    }

    private void Run()
    {
        while (_queue.TryTake(out var call))
        {
            var best = 0;
            for (var car = 1; car < _carFloors.Length; car++)
            {
                if (Math.Abs(_carFloors[car] - call.Floor) < Math.Abs(_carFloors[best] - call.Floor))
                {
                    best = car;
                }
            }
            _carFloors[best] = call.Floor;
        }
    }
}
