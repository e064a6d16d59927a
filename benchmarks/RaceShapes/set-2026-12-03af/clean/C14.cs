namespace Blind32.Marionettes.Restringing;

public enum RestringOutcome
{
    Pending,
    Succeeded,
    Failed,
    Cancelled,
}

public sealed class StringSnappedException : Exception
{
    public StringSnappedException(string message) : base(message) { }
}

/// <summary>
/// One restringing job on a marionette. The outcome can be decided either by
/// the runner finishing or by the workshop cancelling the job, whichever
/// comes first; the first one wins.
/// </summary>
public sealed class RestringJob
{
    private int _outcome = (int)RestringOutcome.Pending;
    private readonly TaskCompletionSource<RestringOutcome> _done =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RestringJob(string puppet, int strings)
    {
        Puppet = puppet;
        Strings = strings;
    }

    public string Puppet { get; }

    public int Strings { get; }

    public RestringOutcome Outcome => (RestringOutcome)Volatile.Read(ref _outcome);

    public Task<RestringOutcome> Completion => _done.Task;

    public bool TryFinish(RestringOutcome outcome)
    {
        if (Interlocked.CompareExchange(ref _outcome, (int)outcome, (int)RestringOutcome.Pending) != (int)RestringOutcome.Pending)
            return false;

        _done.TrySetResult(outcome);
        return true;
    }
}

/// <summary>Restrings a puppet string by string, retrying snapped strings.</summary>
public sealed class RestringRunner
{
    private readonly Func<string, int, Task> _fitString;
    private readonly int _retriesPerString;

    public RestringRunner(Func<string, int, Task> fitString, int retriesPerString)
    {
        _fitString = fitString;
        _retriesPerString = retriesPerString;
    }

    public async Task<RestringOutcome> RunAsync(RestringJob job, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => job.TryFinish(RestringOutcome.Cancelled));

        for (var s = 0; s < job.Strings && job.Outcome == RestringOutcome.Pending; s++)
        {
            var attempt = 0;
            while (true)
            {
                try
                {
                    await _fitString(job.Puppet, s).ConfigureAwait(false);
                    break;
                }
                catch (StringSnappedException) when (++attempt <= _retriesPerString)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt)).ConfigureAwait(false);
                }
                catch (StringSnappedException)
                {
                    job.TryFinish(RestringOutcome.Failed);
                    return await job.Completion.ConfigureAwait(false);
                }
            }
        }

        job.TryFinish(RestringOutcome.Succeeded);
        return await job.Completion.ConfigureAwait(false);
    }
}
