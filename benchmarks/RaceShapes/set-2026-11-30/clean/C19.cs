namespace Blind.C19;

public enum JobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

public sealed class JobStateChangedEventArgs : EventArgs
{
    public JobStateChangedEventArgs(string jobId, JobState oldState, JobState newState)
    {
        JobId = jobId;
        OldState = oldState;
        NewState = newState;
    }

    public string JobId { get; }

    public JobState OldState { get; }

    public JobState NewState { get; }
}

/// <summary>
/// Runs a background job and notifies listeners (UI, telemetry) of its progress.
/// Listeners may subscribe and unsubscribe while the job is running.
/// </summary>
public sealed class BackgroundJob
{
    private readonly Func<CancellationToken, Task> _work;
    private int _state = (int)JobState.Queued;

    public BackgroundJob(string id, Func<CancellationToken, Task> work)
    {
        Id = id;
        _work = work;
    }

    public string Id { get; }

    public JobState State => (JobState)Volatile.Read(ref _state);

    public event EventHandler<JobStateChangedEventArgs>? StateChanged;

    public event EventHandler<int>? ProgressChanged;

    public Task StartAsync(CancellationToken ct) => Task.Run(() => RunAsync(ct), ct);

    public void ReportProgress(int percent)
    {
        var handler = ProgressChanged;
        handler?.Invoke(this, Math.Clamp(percent, 0, 100));
    }

    private async Task RunAsync(CancellationToken ct)
    {
        Transition(JobState.Running);
        try
        {
            await _work(ct).ConfigureAwait(false);
            Transition(JobState.Succeeded);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            Transition(JobState.Failed);
            throw;
        }
    }

    private void Transition(JobState next)
    {
        var previous = (JobState)Interlocked.Exchange(ref _state, (int)next);
        if (previous == next)
        {
            return;
        }

        var handler = StateChanged;
        handler?.Invoke(this, new JobStateChangedEventArgs(Id, previous, next));
    }
}
