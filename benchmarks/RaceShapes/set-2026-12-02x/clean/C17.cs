namespace Blind24.TypewriterRepair;

public sealed record RepairTicket(int Number, string Customer, string Model, string Fault);

/// <summary>
/// Bounded work queue for the repair bench. Counter staff add tickets from the
/// front-desk app; each technician's bench client takes the next ticket, blocking
/// while the queue is empty. Shared by all of them.
/// </summary>
public sealed class RepairBenchQueue
{
    private readonly object _monitor = new();
    private readonly Queue<RepairTicket> _tickets = new();
    private readonly int _capacity;
    private int _nextNumber = 1;
    private bool _closed;

    public RepairBenchQueue(int capacity) => _capacity = capacity;

    public RepairTicket Open(string customer, string model, string fault)
    {
        lock (_monitor)
        {
            while (_tickets.Count >= _capacity && !_closed)
            {
                Monitor.Wait(_monitor);
            }

            if (_closed)
            {
                throw new InvalidOperationException("The repair bench is closed for the day.");
            }

            var ticket = new RepairTicket(_nextNumber++, customer, model, fault);
            _tickets.Enqueue(ticket);
            Monitor.PulseAll(_monitor);
            return ticket;
        }
    }

    public bool TryTakeNext(TimeSpan timeout, out RepairTicket? ticket)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_monitor)
        {
            while (_tickets.Count == 0)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (_closed || remaining <= TimeSpan.Zero)
                {
                    ticket = null;
                    return false;
                }

                Monitor.Wait(_monitor, remaining);
            }

            ticket = _tickets.Dequeue();
            Monitor.PulseAll(_monitor);
            return true;
        }
    }

    public int Waiting
    {
        get { lock (_monitor) { return _tickets.Count; } }
    }

    public void CloseForTheDay()
    {
        lock (_monitor)
        {
            _closed = true;
            Monitor.PulseAll(_monitor);
        }
    }
}

/// <summary>One technician's bench: takes tickets until the shop closes.</summary>
public sealed class TechnicianBench
{
    public static Thread Start(RepairBenchQueue queue, string technician, Action<string, RepairTicket> repair)
    {
        var thread = new Thread(() =>
        {
            while (queue.TryTakeNext(TimeSpan.FromMinutes(5), out var ticket) && ticket is not null)
            {
                repair(technician, ticket);
            }
        })
        { Name = $"bench-{technician}", IsBackground = true };
        thread.Start();
        return thread;
    }
}
