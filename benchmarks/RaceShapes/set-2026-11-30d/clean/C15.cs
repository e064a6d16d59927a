using System.Diagnostics;

namespace Blind4.Clean.Scheduling.Jobs;

public sealed class ScheduledJob
{
    internal ScheduledJob(long id, string name, DateTime dueUtc, Action<CancellationToken> work)
    {
        Id = id;
        Name = name;
        DueUtc = dueUtc;
        Work = work;
    }

    public long Id { get; }

    public string Name { get; }

    public DateTime DueUtc { get; }

    internal Action<CancellationToken> Work { get; }

    internal bool Cancelled;
}

/// <summary>
/// Runs delayed jobs on a dedicated thread. Jobs are scheduled and cancelled from API requests.
/// </summary>
public sealed class JobScheduler : IDisposable
{
    private readonly object _sync = new();
    private readonly PriorityQueue<ScheduledJob, DateTime> _queue = new();
    private readonly Dictionary<long, ScheduledJob> _pending = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Thread _worker;
    private long _nextId;

    public JobScheduler()
    {
        _worker = new Thread(RunLoop) { IsBackground = true, Name = "job-scheduler" };
        _worker.Start();
    }

    public long Schedule(string name, TimeSpan delay, Action<CancellationToken> work)
    {
        lock (_sync)
        {
            var job = new ScheduledJob(++_nextId, name, DateTime.UtcNow + delay, work);
            _queue.Enqueue(job, job.DueUtc);
            _pending.Add(job.Id, job);
            Monitor.Pulse(_sync);
            return job.Id;
        }
    }

    public bool Cancel(long id)
    {
        lock (_sync)
        {
            if (!_pending.Remove(id, out var job))
            {
                return false;
            }

            job.Cancelled = true;
            return true;
        }
    }

    private void RunLoop()
    {
        while (TryTakeNextDueJob(out var job))
        {
            try
            {
                job.Work(_shutdown.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Trace.TraceError("Job {0} ({1}) failed: {2}", job.Id, job.Name, ex);
            }
        }
    }

    private bool TryTakeNextDueJob(out ScheduledJob job)
    {
        lock (_sync)
        {
            while (!_shutdown.IsCancellationRequested)
            {
                if (_queue.TryPeek(out var next, out var due))
                {
                    var wait = due - DateTime.UtcNow;
                    if (wait > TimeSpan.Zero)
                    {
                        Monitor.Wait(_sync, wait);
                        continue;
                    }

                    _queue.Dequeue();
                    if (next.Cancelled)
                    {
                        continue;
                    }

                    _pending.Remove(next.Id);
                    job = next;
                    return true;
                }

                Monitor.Wait(_sync);
            }

            job = null!;
            return false;
        }
    }

    public void Dispose()
    {
        _shutdown.Cancel();
        lock (_sync)
        {
            Monitor.PulseAll(_sync);
        }
        _worker.Join();
    }
}
