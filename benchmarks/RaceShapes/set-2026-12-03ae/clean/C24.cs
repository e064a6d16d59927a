namespace Blind31.ClockRepairWorkshops.Bench;

public sealed record RepairTicket(int TicketId, string Movement, string Fault, bool Urgent);

/// <summary>
/// Bounded queue of repair tickets between the front counter and the watchmakers' benches.
/// The counter blocks when the benches are too far behind.
/// </summary>
public sealed class RepairTicketQueue
{
    private readonly object _monitor = new();
    private readonly Queue<RepairTicket> _tickets = new();
    private readonly int _capacity;
    private bool _closed;

    public RepairTicketQueue(int capacity)
    {
        _capacity = capacity;
    }

    public int Count
    {
        get { lock (_monitor) { return _tickets.Count; } }
    }

    public void Put(RepairTicket ticket)
    {
        lock (_monitor)
        {
            while (_tickets.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_closed)
            {
                throw new InvalidOperationException("The workshop is closed for the day.");
            }

            _tickets.Enqueue(ticket);
            Monitor.PulseAll(_monitor);
        }
    }

    public bool TryTake(out RepairTicket? ticket)
    {
        lock (_monitor)
        {
            while (_tickets.Count == 0 && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_tickets.Count == 0)
            {
                ticket = null;
                return false;
            }

            ticket = _tickets.Dequeue();
            Monitor.PulseAll(_monitor);
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

/// <summary>Starts one worker thread per watchmaker's bench.</summary>
public sealed class BenchRoster
{
    private readonly RepairTicketQueue _queue;
    private readonly List<Thread> _benches = new();
    private int _completed;

    public BenchRoster(RepairTicketQueue queue)
    {
        _queue = queue;
    }

    public int Completed => Volatile.Read(ref _completed);

    public void Start(IEnumerable<string> watchmakers, Action<string, RepairTicket> repair)
    {
        foreach (var name in watchmakers)
        {
            var thread = new Thread(() =>
            {
                while (_queue.TryTake(out var ticket))
                {
                    repair(name, ticket!);
                    Interlocked.Increment(ref _completed);
                }
            })
            { IsBackground = true, Name = $"bench-{name}" };

            _benches.Add(thread);
            thread.Start();
        }
    }

    public void Finish()
    {
        _queue.Close();
        foreach (var bench in _benches)
        {
            bench.Join();
        }
    }
}
