using System.Collections.Concurrent;

namespace Blind58.UmbrellaWorkshop;

public sealed record RepairJob(string TicketId, string Task, int Minutes);

/// <summary>
/// Per-mender job deque. The owning mender takes from the back (most recently assigned,
/// still fresh in mind); idle menders steal from the front.
/// </summary>
public sealed class MenderDeque
{
    private readonly object _sync = new();
    private readonly LinkedList<RepairJob> _jobs = new();

    public void PushBack(RepairJob job)
    {
        lock (_sync) _jobs.AddLast(job);
    }

    public bool TryPopBack(out RepairJob? job)
    {
        lock (_sync)
        {
            job = _jobs.Last?.Value;
            if (job is null) return false;
            _jobs.RemoveLast();
            return true;
        }
    }

    public bool TrySteal(out RepairJob? job)
    {
        lock (_sync)
        {
            job = _jobs.First?.Value;
            if (job is null) return false;
            _jobs.RemoveFirst();
            return true;
        }
    }
}

/// <summary>
/// Distributes a day's repair jobs across the workshop's menders (simulated as worker
/// threads for the scheduling report), letting idle menders steal from busy ones.
/// </summary>
public sealed class WorkshopDay
{
    private readonly MenderDeque[] _deques;
    private readonly Func<RepairJob, string> _perform;
    private readonly ConcurrentBag<(int Mender, string Outcome)> _completed = new();
    private int _remaining;
    private int _steals;

    public WorkshopDay(int menders, Func<RepairJob, string> perform)
    {
        _deques = Enumerable.Range(0, menders).Select(_ => new MenderDeque()).ToArray();
        _perform = perform;
    }

    public int Steals => Volatile.Read(ref _steals);

    public IReadOnlyList<(int Mender, string Outcome)> Run(IReadOnlyList<RepairJob> jobs)
    {
        for (int i = 0; i < jobs.Count; i++)
        {
            _deques[i % _deques.Length].PushBack(jobs[i]);
        }

        Volatile.Write(ref _remaining, jobs.Count);

        var threads = Enumerable.Range(0, _deques.Length)
            .Select(m => new Thread(() => MenderLoop(m)) { Name = $"mender-{m}" })
            .ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        return _completed.OrderBy(c => c.Mender).ToList();
    }

    private void MenderLoop(int mender)
    {
        var own = _deques[mender];
        var spinner = new SpinWait();
        while (Volatile.Read(ref _remaining) > 0)
        {
            if (own.TryPopBack(out var job) || TryStealFromOthers(mender, out job))
            {
                _completed.Add((mender, _perform(job!)));
                Interlocked.Decrement(ref _remaining);
                spinner.Reset();
            }
            else
            {
                spinner.SpinOnce();
            }
        }
    }

    private bool TryStealFromOthers(int mender, out RepairJob? job)
    {
        for (int offset = 1; offset < _deques.Length; offset++)
        {
            if (_deques[(mender + offset) % _deques.Length].TrySteal(out job))
            {
                Interlocked.Increment(ref _steals);
                return true;
            }
        }

        job = null;
        return false;
    }
}
