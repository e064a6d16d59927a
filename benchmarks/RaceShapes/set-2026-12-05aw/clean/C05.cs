namespace ChocolateFactory.Moulding;

/// <summary>One step of a moulding run: filling, cooling, demoulding, wrapping.</summary>
public sealed class MouldStep
{
    private int _pending;

    public MouldStep(string name, Func<CancellationToken, Task> work, params MouldStep[] after)
    {
        Name = name;
        Work = work;
        After = after;
    }

    public string Name { get; }
    public Func<CancellationToken, Task> Work { get; }
    public IReadOnlyList<MouldStep> After { get; }

    internal void ResetPending() => Volatile.Write(ref _pending, After.Count);

    internal bool CompleteOneDependency() => Interlocked.Decrement(ref _pending) == 0;
}

/// <summary>
/// Runs a moulding plan. Steps start as soon as all steps they come after have finished;
/// independent steps run concurrently.
/// </summary>
public sealed class MouldingRun
{
    private readonly IReadOnlyList<MouldStep> _steps;
    private readonly IReadOnlyDictionary<MouldStep, MouldStep[]> _followers;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public MouldingRun(IReadOnlyList<MouldStep> steps)
    {
        _steps = steps;
        _followers = steps.ToDictionary(
            s => s,
            s => steps.Where(other => other.After.Contains(s)).ToArray());
    }

    public Task ExecuteAsync(CancellationToken ct)
    {
        _remaining = _steps.Count;
        foreach (var step in _steps)
        {
            step.ResetPending();
        }
        if (_steps.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var root in _steps.Where(s => s.After.Count == 0))
        {
            Start(root, ct);
        }
        return _done.Task;
    }

    private void Start(MouldStep step, CancellationToken ct)
    {
        _ = Task.Run(async () =>
        {
            try
            {
                await step.Work(ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _done.TrySetException(ex);
                return;
            }

            foreach (var follower in _followers[step])
            {
                if (follower.CompleteOneDependency())
                {
                    Start(follower, ct);
                }
            }

            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                _done.TrySetResult();
            }
        }, CancellationToken.None);
    }
}

public static class PralinePlan
{
    public static IReadOnlyList<MouldStep> Build(Func<string, CancellationToken, Task> run)
    {
        var shell = new MouldStep("shell", ct => run("shell", ct));
        var ganache = new MouldStep("ganache", ct => run("ganache", ct));
        var fill = new MouldStep("fill", ct => run("fill", ct), shell, ganache);
        var cap = new MouldStep("cap", ct => run("cap", ct), fill);
        var cool = new MouldStep("cool", ct => run("cool", ct), cap);
        var wrap = new MouldStep("wrap", ct => run("wrap", ct), cool);
        return new[] { shell, ganache, fill, cap, cool, wrap };
    }
}
