namespace Blind61.IceRinks.Resurfacing;

public sealed record ResurfaceRequest(string Rink, DateTimeOffset RequestedAt, bool FullFlood);

/// <summary>
/// Bounded hand-off between the rink managers' consoles and the single resurfacing machine
/// operator thread. Producers block when the request board is full.
/// </summary>
public sealed class ResurfaceBoard
{
    private readonly Queue<ResurfaceRequest> _requests = new();
    private readonly int _capacity;
    private bool _closed;

    public ResurfaceBoard(int capacity) => _capacity = capacity;

    public bool Post(ResurfaceRequest request)
    {
        lock (_requests)
        {
            while (_requests.Count >= _capacity && !_closed)
                Monitor.Wait(_requests);
            if (_closed)
                return false;

            _requests.Enqueue(request);
            Monitor.PulseAll(_requests);
            return true;
        }
    }

    public bool TryTake(out ResurfaceRequest? request)
    {
        lock (_requests)
        {
            while (_requests.Count == 0 && !_closed)
                Monitor.Wait(_requests);

            if (_requests.Count == 0)
            {
                request = null;
                return false;
            }

            request = _requests.Dequeue();
            Monitor.PulseAll(_requests);
            return true;
        }
    }

    public void Close()
    {
        lock (_requests)
        {
            _closed = true;
            Monitor.PulseAll(_requests);
        }
    }

    public int Pending
    {
        get { lock (_requests) return _requests.Count; }
    }
}

/// <summary>Runs the resurfacer on its own thread, one rink at a time.</summary>
public sealed class ResurfacerOperator
{
    private readonly ResurfaceBoard _board;
    private readonly Action<ResurfaceRequest> _drive;
    private readonly Thread _thread;
    private int _completed;

    public ResurfacerOperator(ResurfaceBoard board, Action<ResurfaceRequest> drive)
    {
        _board = board;
        _drive = drive;
        _thread = new Thread(Run) { IsBackground = true, Name = "resurfacer" };
    }

    public int Completed => Volatile.Read(ref _completed);

    public void Start() => _thread.Start();

    public void StopAndWait()
    {
        _board.Close();
        _thread.Join();
    }

    private void Run()
    {
        while (_board.TryTake(out var request))
        {
            _drive(request!);
            Interlocked.Increment(ref _completed);
        }
    }
}
