namespace ChocolateFactory.Batches;

/// <summary>A production step such as tempering or conching for one batch.</summary>
public sealed class BatchJob
{
    public BatchJob(string name, Func<CancellationToken, Task> work)
    {
        Name = name;
        Work = work;
    }

    public string Name { get; }
    public Func<CancellationToken, Task> Work { get; }
    public List<BatchJob> DependsOn { get; } = new();
    public List<BatchJob> Dependents { get; } = new();
    public int PendingDependencies { get; set; }
}

/// <summary>
/// Runs the production steps of a batch, starting each step as soon as everything it
/// depends on has finished. Independent steps run in parallel on the thread pool.
/// </summary>
public sealed class BatchScheduler
{
    private TaskCompletionSource _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;
    private CancellationToken _token;

    public Task RunAsync(IReadOnlyCollection<BatchJob> jobs, CancellationToken ct)
    {
        _allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _token = ct;
        _remaining = jobs.Count;
        if (jobs.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var job in jobs)
        {
            job.PendingDependencies = job.DependsOn.Count;
            foreach (var dep in job.DependsOn)
            {
                dep.Dependents.Add(job);
            }
        }

        foreach (var job in jobs.Where(j => j.PendingDependencies == 0).ToList())
        {
            Launch(job);
        }
        return _allDone.Task;
    }

    private void Launch(BatchJob job)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await job.Work(_token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _allDone.TrySetException(ex);
                return;
            }

            foreach (var dependent in job.Dependents)
            {
                dependent.PendingDependencies--;
                if (dependent.PendingDependencies == 0)
                {
                    Launch(dependent);
                }
            }

            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _allDone.TrySetResult();
            }
        });
    }
}

public static class DarkChocolateRecipe
{
    public static IReadOnlyCollection<BatchJob> Build(Func<string, CancellationToken, Task> step)
    {
        var roast = new BatchJob("roast", ct => step("roast", ct));
        var sugar = new BatchJob("mill-sugar", ct => step("mill-sugar", ct));
        var butter = new BatchJob("melt-butter", ct => step("melt-butter", ct));
        var conche = new BatchJob("conche", ct => step("conche", ct));
        var temper = new BatchJob("temper", ct => step("temper", ct));
        conche.DependsOn.AddRange(new[] { roast, sugar, butter });
        temper.DependsOn.Add(conche);
        return new[] { roast, sugar, butter, conche, temper };
    }
}
