namespace Blind30.BicycleCouriers;

public sealed record Courier(string Name, string Zone);

public sealed class DeliveryJob
{
    public DeliveryJob(string reference, string zone, DateTime deadline)
    {
        Reference = reference;
        Zone = zone;
        Deadline = deadline;
    }

    public string Reference { get; }
    public string Zone { get; }
    public DateTime Deadline { get; }
    public TaskCompletionSource<Courier> Assignment { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Dispatch board for the courier co-op. Shops post jobs through the web API and wait
/// for a rider; riders' phones call <see cref="TryAssign"/> when they become free.
/// </summary>
public sealed class DispatchBoard
{
    private readonly object _sync = new();
    private readonly List<DeliveryJob> _pending = new();

    public int PendingCount
    {
        get
        {
            lock (_sync)
            {
                return _pending.Count;
            }
        }
    }

    public Task<Courier> PostAsync(DeliveryJob job, CancellationToken ct)
    {
        lock (_sync)
        {
            _pending.Add(job);
        }

        ct.Register(() =>
        {
            _pending.Remove(job);
            job.Assignment.TrySetCanceled(ct);
        });

        return job.Assignment.Task;
    }

    public bool TryAssign(Courier courier)
    {
        DeliveryJob? job;
        lock (_sync)
        {
            job = _pending
                .Where(j => j.Zone == courier.Zone)
                .OrderBy(j => j.Deadline)
                .FirstOrDefault();

            if (job is null)
            {
                return false;
            }

            _pending.Remove(job);
        }

        return job.Assignment.TrySetResult(courier);
    }
}
