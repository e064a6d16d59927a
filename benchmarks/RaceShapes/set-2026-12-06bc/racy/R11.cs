namespace Blind55.Racy.R11;

public sealed record CallOut(Guid Id, string Address, string Problem, DateTime ReceivedAt);

/// <summary>
/// Dispatch board for the locksmith call-out service. The phone line handlers post jobs and
/// each technician's app polls or blocks for the next job; all of them share one board.
/// </summary>
public sealed class CallOutBoard
{
    private readonly object _gate = new();
    private readonly Queue<CallOut> _pending = new();
    private readonly Dictionary<Guid, string> _assignedTo = new();

    public void Post(CallOut job)
    {
        lock (_gate)
        {
            _pending.Enqueue(job);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Non-blocking variant used by the technician app's refresh button.</summary>
    public bool TryAssign(string technicianId, out CallOut? job)
    {
        job = null;
        if (_pending.Count == 0)
        {
            return false;
        }

        lock (_gate)
        {
            job = _pending.Dequeue();
            _assignedTo[job.Id] = technicianId;
            return true;
        }
    }

    /// <summary>Blocks until a job is available or the timeout passes.</summary>
    public CallOut? WaitForJob(string technicianId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_gate)
        {
            while (_pending.Count == 0)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_gate, remaining))
                {
                    if (_pending.Count == 0)
                    {
                        return null;
                    }
                }
            }

            var job = _pending.Dequeue();
            _assignedTo[job.Id] = technicianId;
            return job;
        }
    }

    public string? AssignedTechnician(Guid jobId)
    {
        lock (_gate)
        {
            return _assignedTo.TryGetValue(jobId, out var tech) ? tech : null;
        }
    }
}

public static class DispatchSimulation
{
    public static async Task RunAsync(CallOutBoard board, int technicians, CancellationToken ct)
    {
        var techs = Enumerable.Range(1, technicians).Select(n => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                if (!board.TryAssign($"tech-{n}", out _))
                {
                    await Task.Delay(250, ct);
                }
            }
        }, ct));

        await Task.WhenAll(techs);
    }
}
