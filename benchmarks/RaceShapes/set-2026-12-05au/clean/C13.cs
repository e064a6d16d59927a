using System.Collections.Generic;

namespace Blind47.Hatters.Blocking;

public sealed record BlockingJob(int JobNumber, string Workshop, string Style, string HatBlock, DateTime QueuedAt);

/// <summary>
/// Job queue for one millinery workshop. Several workshops share the building's
/// steam-blocking room, so job numbers come from one sequence for the whole
/// building.
/// </summary>
public sealed class WorkshopJobQueue
{
    private static readonly object s_numberLock = new();
    private static int s_lastJobNumber;

    private readonly object _queueLock = new();
    private readonly Queue<BlockingJob> _jobs = new();
    private readonly string _workshop;

    public WorkshopJobQueue(string workshop) => _workshop = workshop;

    private static int NextJobNumber()
    {
        lock (s_numberLock)
        {
            return ++s_lastJobNumber;
        }
    }

    public static int LastJobNumber
    {
        get
        {
            lock (s_numberLock)
            {
                return s_lastJobNumber;
            }
        }
    }

    public BlockingJob Queue(string style, string hatBlock)
    {
        var job = new BlockingJob(NextJobNumber(), _workshop, style, hatBlock, DateTime.UtcNow);
        lock (_queueLock)
        {
            _jobs.Enqueue(job);
        }

        return job;
    }

    public bool TryTake(out BlockingJob? job)
    {
        lock (_queueLock)
        {
            return _jobs.TryDequeue(out job);
        }
    }
}

public static class SteamRoom
{
    /// <summary>Each workshop posts its jobs from its own thread-pool work item.</summary>
    public static void PostDay(IReadOnlyList<WorkshopJobQueue> workshops, int jobsEach, CountdownEvent done)
    {
        foreach (var workshop in workshops)
        {
            ThreadPool.QueueUserWorkItem(static state =>
            {
                var (queue, count, countdown) = state;
                for (var i = 0; i < count; i++)
                {
                    queue.Queue(i % 2 == 0 ? "Fedora" : "Cloche", $"block-{i % 5}");
                }

                countdown.Signal();
            }, (workshop, jobsEach, done), preferLocal: false);
        }
    }
}
