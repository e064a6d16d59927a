namespace Blind50.ClockRepair.Workbench;

public enum RepairUrgency
{
    Routine = 2,
    Promised = 1,
    Emergency = 0,
}

public sealed record RepairTicket(string TicketId, string Customer, string Movement, RepairUrgency Urgency);

/// <summary>
/// Orders repair work for the clock repairers' benches: emergencies first, then work promised by
/// a date, then routine servicing, first-come first-served within each level. The shop counter
/// adds tickets; each repairer's bench task takes the next ticket when it is free.
/// </summary>
public sealed class RepairScheduler : IDisposable
{
    private readonly object _queueLock = new();
    private readonly PriorityQueue<RepairTicket, (RepairUrgency, long)> _queue = new();
    private readonly SemaphoreSlim _available = new(0);
    private long _sequence;

    public void Add(RepairTicket ticket)
    {
        lock (_queueLock)
        {
            _queue.Enqueue(ticket, (ticket.Urgency, _sequence++));
        }

        _available.Release();
    }

    public async Task<RepairTicket> TakeAsync(CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_queueLock)
        {
            return _queue.Dequeue();
        }
    }

    public IReadOnlyList<RepairTicket> Peek(int count)
    {
        lock (_queueLock)
        {
            return _queue.UnorderedItems
                .OrderBy(i => i.Priority)
                .Take(count)
                .Select(i => i.Element)
                .ToList();
        }
    }

    public void Dispose() => _available.Dispose();
}

/// <summary>One repairer's bench, working through tickets until the shop closes.</summary>
public sealed class RepairBench
{
    private readonly RepairScheduler _scheduler;
    private readonly string _repairer;
    private readonly IProgress<string> _progress;

    public RepairBench(RepairScheduler scheduler, string repairer, IProgress<string> progress)
    {
        _scheduler = scheduler;
        _repairer = repairer;
        _progress = progress;
    }

    public async Task RunAsync(CancellationToken shopClosing)
    {
        var completed = 0;
        while (!shopClosing.IsCancellationRequested)
        {
            RepairTicket ticket;
            try
            {
                ticket = await _scheduler.TakeAsync(shopClosing);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await Task.Delay(ticket.Urgency == RepairUrgency.Emergency ? 50 : 200, CancellationToken.None);
            completed++;
            _progress.Report($"{_repairer} finished {ticket.TicketId} ({ticket.Movement}) for {ticket.Customer}");
        }

        _progress.Report($"{_repairer} closed the bench after {completed} repairs");
    }
}
