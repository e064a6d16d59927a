namespace Blind28.AntiqueClocks.Workshop;

public sealed record RepairJob(string Ticket, string Customer, string Movement, DateTime ReceivedAt);

/// <summary>
/// The queue of movements waiting on the bench. The front desk adds jobs and the
/// restorers take them; both run on request threads of the shop's booking service.
/// </summary>
public sealed class RepairBench : IDisposable
{
    private readonly object _sync = new();
    private readonly List<RepairJob> _queue = new();
    private readonly OverdueSweeper _sweeper;
    private readonly List<RepairJob> _escalated = new();

    public RepairBench(TimeSpan maxWait)
    {
        _sweeper = new OverdueSweeper(_queue, maxWait, Escalate);
    }

    public void Accept(RepairJob job)
    {
        lock (_sync)
        {
            _queue.Add(job);
        }
    }

    public RepairJob? TakeNext()
    {
        lock (_sync)
        {
            if (_queue.Count == 0)
            {
                return null;
            }

            var job = _queue[0];
            _queue.RemoveAt(0);
            return job;
        }
    }

    public IReadOnlyList<RepairJob> Waiting()
    {
        lock (_sync)
        {
            return _queue.ToArray();
        }
    }

    public IReadOnlyList<RepairJob> Escalated()
    {
        lock (_escalated)
        {
            return _escalated.ToArray();
        }
    }

    private void Escalate(RepairJob job)
    {
        lock (_escalated)
        {
            _escalated.Add(job);
        }
    }

    public void Dispose() => _sweeper.Dispose();
}

/// <summary>
/// Every few minutes moves jobs that have waited too long off the bench queue so the
/// workshop manager can call the customer.
/// </summary>
internal sealed class OverdueSweeper : IDisposable
{
    private readonly List<RepairJob> _jobs;
    private readonly TimeSpan _maxWait;
    private readonly Action<RepairJob> _onOverdue;
    private readonly Timer _timer;

    public OverdueSweeper(List<RepairJob> jobs, TimeSpan maxWait, Action<RepairJob> onOverdue)
    {
        _jobs = jobs;
        _maxWait = maxWait;
        _onOverdue = onOverdue;
        _timer = new Timer(Sweep, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
    }

    private void Sweep(object? state)
    {
        var now = DateTime.UtcNow;
        for (var i = _jobs.Count - 1; i >= 0; i--)
        {
            var job = _jobs[i];
            if (now - job.ReceivedAt > _maxWait)
            {
                _jobs.RemoveAt(i);
                _onOverdue(job);
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
