namespace Blind56.ModelRailway.TrackControl;

public sealed record RunRequest(string Layout, string Locomotive, int Laps, string RequestedBy);

/// <summary>
/// Bounded hand-over between the exhibition's control panel (several operators
/// queue runs) and the track sequencer thread that drives the layout.
/// </summary>
public sealed class RunRequestBuffer
{
    private readonly object _monitor = new();
    private readonly Queue<RunRequest> _queue = new();
    private readonly int _capacity;
    private bool _closed;

    public RunRequestBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public bool TryAdd(RunRequest request, TimeSpan timeout)
    {
        lock (_monitor)
        {
            var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (_queue.Count >= _capacity && !_closed)
            {
                long remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return false;
                }

                Monitor.Wait(_monitor, TimeSpan.FromMilliseconds(remaining));
            }

            if (_closed)
            {
                return false;
            }

            _queue.Enqueue(request);
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public RunRequest? Take()
    {
        lock (_monitor)
        {
            while (_queue.Count == 0)
            {
                if (_closed)
                {
                    return null;
                }

                Monitor.Wait(_monitor);
            }

            var request = _queue.Dequeue();
            Monitor.PulseAll(_monitor);
            return request;
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

    public int Pending
    {
        get { lock (_monitor) { return _queue.Count; } }
    }
}

public sealed class TrackSequencer
{
    private readonly RunRequestBuffer _buffer;
    private readonly Action<RunRequest> _drive;
    private readonly Thread _thread;

    public TrackSequencer(RunRequestBuffer buffer, Action<RunRequest> drive)
    {
        _buffer = buffer;
        _drive = drive;
        _thread = new Thread(Loop) { IsBackground = true, Name = "Track sequencer" };
    }

    public void Start() => _thread.Start();

    public void StopAndWait()
    {
        _buffer.Close();
        _thread.Join();
    }

    private void Loop()
    {
        while (_buffer.Take() is { } request)
        {
            _drive(request);
        }
    }
}
