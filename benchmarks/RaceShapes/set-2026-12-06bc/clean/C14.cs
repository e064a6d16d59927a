namespace Blind55.Clean.C14;

public sealed record StepResult(string Step, bool Succeeded, bool TimedOut, string Detail);

public interface IMixdownStep
{
    string Name { get; }
    Task<string> ExecuteAsync(string project, CancellationToken ct);
}

public sealed class BounceStemsStep : IMixdownStep
{
    public string Name => "bounce-stems";

    public async Task<string> ExecuteAsync(string project, CancellationToken ct)
    {
        var bounced = new List<string>();
        foreach (var stem in new[] { "drums", "bass", "keys", "vocals" })
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct); // DAW render call
            bounced.Add(stem);
        }

        return $"bounced {string.Join(", ", bounced)} for {project}";
    }
}

/// <summary>
/// Runs the recording studio's mixdown steps in order. Each step gets its own time budget; when the
/// budget runs out the step is cancelled and the workflow waits for it to wind down before reporting.
/// </summary>
public sealed class MixdownWorkflow
{
    private readonly IReadOnlyList<IMixdownStep> _steps;

    public MixdownWorkflow(IReadOnlyList<IMixdownStep> steps) => _steps = steps;

    public async Task<IReadOnlyList<StepResult>> RunAsync(string project, TimeSpan stepTimeout, CancellationToken ct)
    {
        var results = new List<StepResult>();
        foreach (var step in _steps)
        {
            using var stepCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var stepTask = step.ExecuteAsync(project, stepCts.Token);
            var winner = await Task.WhenAny(stepTask, Task.Delay(stepTimeout, ct));

            if (winner != stepTask)
            {
                stepCts.Cancel();
                try
                {
                    await stepTask;
                }
                catch (OperationCanceledException)
                {
                }

                results.Add(new StepResult(step.Name, false, true, $"no result after {stepTimeout.TotalSeconds:F0}s"));
                break;
            }

            try
            {
                results.Add(new StepResult(step.Name, true, false, await stepTask));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results.Add(new StepResult(step.Name, false, false, ex.Message));
                break;
            }
        }

        return results;
    }
}

public static class MixdownRunner
{
    public static async Task<bool> RunAsync(string project, CancellationToken ct)
    {
        var workflow = new MixdownWorkflow(new IMixdownStep[] { new BounceStemsStep() });
        var results = await workflow.RunAsync(project, TimeSpan.FromSeconds(5), ct);
        return results.All(r => r.Succeeded);
    }
}
