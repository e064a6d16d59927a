namespace Blind58.TobogganDispatch;

public sealed record SledRun(int SledNumber, string Rider, DateTime QueuedAt);

/// <summary>
/// Start-gate queue for the toboggan run. Ticket scanners enqueue riders; the gate
/// controller dequeues them one at a time when the track is clear. The queue is bounded
/// by the number of sleds at the top.
/// </summary>
public sealed class StartGateQueue
{
    private readonly object _sync = new();
    private readonly Queue<SledRun> _waiting = new();
    private readonly int _capacity;
    private bool _closed;

    public StartGateQueue(int capacity)
    {
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_sync) return _waiting.Count;
        }
    }

    public bool Enqueue(SledRun run, TimeSpan timeout)
    {
        lock (_sync)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (_waiting.Count >= _capacity && !_closed)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_sync, remaining))
                {
                    return false;
                }
            }

            if (_closed) return false;
            _waiting.Enqueue(run);
            Monitor.PulseAll(_sync);
            return true;
        }
    }

    public bool TryDequeue(out SledRun? run)
    {
        lock (_sync)
        {
            while (_waiting.Count == 0 && !_closed)
            {
                Monitor.Wait(_sync);
            }

            if (_waiting.Count == 0)
            {
                run = null;
                return false;
            }

            run = _waiting.Dequeue();
            Monitor.PulseAll(_sync);
            return true;
        }
    }

    public void Close()
    {
        lock (_sync)
        {
            _closed = true;
            Monitor.PulseAll(_sync);
        }
    }
}

/// <summary>Opens the start gate for each rider once the previous run has cleared.</summary>
public sealed class GateController
{
    private readonly StartGateQueue _queue;
    private readonly Func<SledRun, bool> _trackClear;
    private readonly Action<SledRun> _openGate;
    private readonly Thread _thread;

    public GateController(StartGateQueue queue, Func<SledRun, bool> trackClear, Action<SledRun> openGate)
    {
        _queue = queue;
        _trackClear = trackClear;
        _openGate = openGate;
        _thread = new Thread(Run) { IsBackground = true, Name = "start-gate" };
    }

    public void Start() => _thread.Start();

    public void Stop()
    {
        _queue.Close();
        _thread.Join();
    }

    private void Run()
    {
        while (_queue.TryDequeue(out var run) && run is not null)
        {
            while (!_trackClear(run)) Thread.Sleep(200);
            _openGate(run);
        }
    }
}
