namespace Blind34.Lifeboat.Tasking;

public sealed record LaunchRequest(string Incident, string Boat, DateTimeOffset RequestedAt);

/// <summary>
/// Bounded hand-off queue between the coastguard tasking link and the station
/// crews' launch consoles. Producers block when the queue is full and
/// consumers block when it is empty.
/// </summary>
public sealed class LaunchQueue
{
    private readonly object _gate = new();
    private readonly Queue<LaunchRequest> _items = new();
    private readonly int _capacity;
    private bool _closed;
    private int _totalQueued;

    public LaunchQueue(int capacity) => _capacity = capacity;

    public void Enqueue(LaunchRequest request)
    {
        lock (_gate)
        {
            while (_items.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_gate);
            }

            if (_closed)
            {
                throw new InvalidOperationException("Station is stood down.");
            }

            _items.Enqueue(request);
            _totalQueued++;
            Monitor.PulseAll(_gate);
        }
    }

    public bool TryDequeue(TimeSpan wait, out LaunchRequest? request)
    {
        lock (_gate)
        {
            var deadline = DateTime.UtcNow + wait;
            while (_items.Count == 0 && !_closed)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_gate, remaining))
                {
                    break;
                }
            }

            if (_items.Count == 0)
            {
                request = null;
                return false;
            }

            request = _items.Dequeue();
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

    public (int Waiting, int TotalQueued) Counts
    {
        get
        {
            lock (_gate)
            {
                return (_items.Count, _totalQueued);
            }
        }
    }
}

public sealed class LaunchConsole
{
    private readonly LaunchQueue _queue;

    public LaunchConsole(LaunchQueue queue) => _queue = queue;

    public Thread Start(Action<LaunchRequest> launch, CancellationToken ct)
    {
        var t = new Thread(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                if (_queue.TryDequeue(TimeSpan.FromSeconds(1), out var request) && request != null)
                {
                    launch(request);
                }
            }
        }) { IsBackground = true };
        t.Start();
        return t;
    }
}
