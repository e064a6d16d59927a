namespace Blind42.BellFoundry.Casting;

public sealed record CastingJob(Guid Id, string BellName, int WeightKg);

/// <summary>
/// Bells waiting for a furnace slot. The order intake API submits jobs from request threads,
/// while each furnace controller takes the next job that fits its crucible.
/// </summary>
public sealed class CastingQueue
{
    private readonly object _intakeLock = new();
    private readonly object _furnaceLock = new();
    private readonly LinkedList<CastingJob> _pending = new();
    private int _submitted;

    public void Submit(CastingJob job)
    {
        lock (_intakeLock)
        {
            _pending.AddLast(job);
            _submitted++;
        }
    }

    public bool TryTakeNext(int crucibleCapacityKg, out CastingJob? job)
    {
        lock (_furnaceLock)
        {
            for (var node = _pending.First; node != null; node = node.Next)
            {
                if (node.Value.WeightKg <= crucibleCapacityKg)
                {
                    _pending.Remove(node);
                    job = node.Value;
                    return true;
                }
            }
        }

        job = null;
        return false;
    }

    public int SubmittedCount
    {
        get { lock (_intakeLock) return _submitted; }
    }
}

/// <summary>Runs one furnace: pulls jobs and pours them until stopped.</summary>
public sealed class FurnaceController
{
    private readonly CastingQueue _queue;
    private readonly int _capacityKg;
    private readonly string _furnaceName;

    public FurnaceController(CastingQueue queue, string furnaceName, int capacityKg)
    {
        _queue = queue;
        _furnaceName = furnaceName;
        _capacityKg = capacityKg;
    }

    public Task RunAsync(Action<string> log, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_queue.TryTakeNext(_capacityKg, out var job) && job is not null)
            {
                log($"{_furnaceName}: pouring {job.BellName} ({job.WeightKg} kg)");
                await Task.Delay(TimeSpan.FromMilliseconds(job.WeightKg), cancellationToken);
            }
            else
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }, cancellationToken);
}
