namespace Blind55.Racy.R14;

/// <summary>One mixdown job in the recording studio's render farm.</summary>
public sealed class MixdownSession
{
    public MixdownSession(string project) => Project = project;

    public string Project { get; }
    public List<string> Log { get; } = new();
    public string Status { get; set; } = "Pending";
}

public interface IMixdownStep
{
    string Name { get; }
    Task ExecuteAsync(MixdownSession session, CancellationToken ct);
}

public sealed class BounceStemsStep : IMixdownStep
{
    public string Name => "bounce-stems";

    public async Task ExecuteAsync(MixdownSession session, CancellationToken ct)
    {
        foreach (var stem in new[] { "drums", "bass", "keys", "vocals" })
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct); // DAW render call
            session.Log.Add($"{Name}: bounced {stem}");
        }
    }
}

public sealed class LoudnessStep : IMixdownStep
{
    public string Name => "loudness";

    public async Task ExecuteAsync(MixdownSession session, CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        session.Log.Add($"{Name}: normalised to -14 LUFS");
    }
}

/// <summary>Runs the mixdown steps in order, giving each step a fixed time budget.</summary>
public sealed class MixdownWorkflow
{
    private readonly IReadOnlyList<IMixdownStep> _steps;

    public MixdownWorkflow(IReadOnlyList<IMixdownStep> steps) => _steps = steps;

    public async Task<MixdownSession> RunAsync(MixdownSession session, TimeSpan stepTimeout, CancellationToken ct)
    {
        session.Status = "Running";
        foreach (var step in _steps)
        {
            var stepTask = step.ExecuteAsync(session, ct);
            var finished = await Task.WhenAny(stepTask, Task.Delay(stepTimeout, ct));
            if (finished != stepTask)
            {
                session.Log.Add($"{step.Name}: timed out after {stepTimeout.TotalSeconds:F0}s");
                session.Status = "TimedOut";
                return session;
            }

            await stepTask;
        }

        session.Status = "Done";
        return session;
    }
}

public static class MixdownRunner
{
    public static async Task<string> RunAsync(string project, CancellationToken ct)
    {
        var workflow = new MixdownWorkflow(new IMixdownStep[] { new BounceStemsStep(), new LoudnessStep() });
        var session = await workflow.RunAsync(new MixdownSession(project), TimeSpan.FromSeconds(5), ct);
        return session.Status;
    }
}
