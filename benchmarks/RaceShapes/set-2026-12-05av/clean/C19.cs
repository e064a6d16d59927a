namespace Blind48.Rocketry.LaunchPads;

public sealed record LaunchRequest(string Flyer, string Rocket, string Motor);

/// <summary>
/// Queue of rockets waiting for the club's launch rails on range day. The
/// check-in table adds rockets; each rail's launch control officer takes the
/// next one when the rail is clear. Uses a bounded buffer so the check-in table
/// stops accepting rockets when the prep area is full.
/// </summary>
public sealed class LaunchRailQueue
{
    private readonly object _monitor = new();
    private readonly Queue<LaunchRequest> _waiting = new();
    private readonly int _prepAreaCapacity;
    private bool _rangeClosed;
    private int _launched;

    public LaunchRailQueue(int prepAreaCapacity) => _prepAreaCapacity = prepAreaCapacity;

    public bool Enqueue(LaunchRequest request)
    {
        lock (_monitor)
        {
            while (_waiting.Count >= _prepAreaCapacity && !_rangeClosed)
            {
                Monitor.Wait(_monitor);
            }

            if (_rangeClosed)
            {
                return false;
            }

            _waiting.Enqueue(request);
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public bool TryTakeNext(TimeSpan timeout, out LaunchRequest? request)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_monitor)
        {
            while (_waiting.Count == 0)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (_rangeClosed || remaining <= TimeSpan.Zero || !Monitor.Wait(_monitor, remaining))
                {
                    if (_waiting.Count == 0)
                    {
                        request = null;
                        return false;
                    }
                }
            }

            request = _waiting.Dequeue();
            _launched++;
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public (int Waiting, int Launched) Status()
    {
        lock (_monitor)
        {
            return (_waiting.Count, _launched);
        }
    }

    public void CloseRange()
    {
        lock (_monitor)
        {
            _rangeClosed = true;
            Monitor.PulseAll(_monitor);
        }
    }
}

/// <summary>
/// One launch rail's officer loop, run on its own thread.
/// </summary>
public sealed class RailOfficer
{
    private readonly LaunchRailQueue _queue;
    private readonly Action<string, LaunchRequest> _fire;

    public RailOfficer(LaunchRailQueue queue, Action<string, LaunchRequest> fire)
    {
        _queue = queue;
        _fire = fire;
    }

    public Thread Start(string rail, CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                if (_queue.TryTakeNext(TimeSpan.FromSeconds(2), out var next) && next is not null)
                {
                    _fire(rail, next);
                }
            }
        }) { IsBackground = true, Name = $"rail-{rail}" };
        thread.Start();
        return thread;
    }
}
