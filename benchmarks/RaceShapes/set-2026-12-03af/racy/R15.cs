namespace Blind32.Marionettes.Repairs;

public enum RepairState
{
    Queued,
    Running,
    Retrying,
    Succeeded,
    Failed,
    Cancelled,
}

public sealed class TransientRepairException : Exception
{
    public TransientRepairException(string message) : base(message) { }
}

/// <summary>A single repair step (restringing, joint regluing, repainting) on one marionette.</summary>
public sealed class RepairJob
{
    public RepairJob(string puppet, Func<CancellationToken, Task> step)
    {
        Puppet = puppet;
        Step = step;
    }

    public string Puppet { get; }

    public Func<CancellationToken, Task> Step { get; }

    public RepairState State { get; set; } = RepairState.Queued;

    public int Attempts { get; set; }
}

/// <summary>Runs repair jobs with a fixed number of retries and backoff.</summary>
public sealed class RepairJobRunner
{
    private readonly int _maxAttempts;
    private readonly TimeSpan _backoff;

    public RepairJobRunner(int maxAttempts, TimeSpan backoff)
    {
        _maxAttempts = maxAttempts;
        _backoff = backoff;
    }

    public async Task RunAsync(RepairJob job, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => job.State = RepairState.Cancelled);

        while (job.Attempts < _maxAttempts)
        {
            if (job.State == RepairState.Cancelled)
                return;

            job.Attempts++;
            job.State = RepairState.Running;
            try
            {
                await job.Step(CancellationToken.None).ConfigureAwait(false);
                job.State = RepairState.Succeeded;
                return;
            }
            catch (TransientRepairException)
            {
                job.State = RepairState.Retrying;
                await Task.Delay(_backoff * job.Attempts, CancellationToken.None).ConfigureAwait(false);
            }
        }

        job.State = RepairState.Failed;
    }
}

/// <summary>Workbench queue that the repairer can cancel from the shop screen.</summary>
public sealed class Workbench
{
    private readonly RepairJobRunner _runner = new(3, TimeSpan.FromSeconds(2));
    private readonly CancellationTokenSource _closing = new();

    public Task StartAsync(RepairJob job) => Task.Run(() => _runner.RunAsync(job, _closing.Token));

    public void CloseForTheDay() => _closing.Cancel();
}
