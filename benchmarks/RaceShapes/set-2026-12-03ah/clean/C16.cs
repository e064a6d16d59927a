namespace Blind34.Sundial.Casting;

public sealed record CastResult(string Pattern, bool Passed, string? Defect);

/// <summary>
/// Tracks bronze dial castings sent to the foundry. Callers await the outcome;
/// the foundry's webhook completes it, and the caller's token can abandon the
/// wait.
/// </summary>
public sealed class FoundryCastingTracker
{
    private readonly object _gate = new();
    private readonly Dictionary<string, TaskCompletionSource<CastResult>> _pending = new(StringComparer.Ordinal);
    private int _completed;
    private int _abandoned;

    public Task<CastResult> AwaitCastAsync(string pattern, CancellationToken ct)
    {
        var tcs = new TaskCompletionSource<CastResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_pending.ContainsKey(pattern))
            {
                throw new InvalidOperationException($"Pattern {pattern} is already at the foundry.");
            }

            _pending.Add(pattern, tcs);
        }

        if (ct.CanBeCanceled)
        {
            var registration = ct.Register(() =>
            {
                bool removed;
                lock (_gate)
                {
                    removed = _pending.Remove(pattern);
                    if (removed)
                    {
                        _abandoned++;
                    }
                }

                if (removed)
                {
                    tcs.TrySetCanceled(ct);
                }
            });
            tcs.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }

        return tcs.Task;
    }

    /// <summary>Called by the foundry webhook handler.</summary>
    public bool Complete(CastResult result)
    {
        TaskCompletionSource<CastResult>? tcs;
        lock (_gate)
        {
            if (!_pending.Remove(result.Pattern, out tcs))
            {
                return false;
            }

            _completed++;
        }

        return tcs.TrySetResult(result);
    }

    public (int Pending, int Completed, int Abandoned) Counts
    {
        get
        {
            lock (_gate)
            {
                return (_pending.Count, _completed, _abandoned);
            }
        }
    }
}

public sealed class DialOrderWorkflow
{
    private readonly FoundryCastingTracker _tracker;

    public DialOrderWorkflow(FoundryCastingTracker tracker) => _tracker = tracker;

    public async Task<string> WaitForDialAsync(string pattern, TimeSpan patience)
    {
        using var cts = new CancellationTokenSource(patience);
        try
        {
            var result = await _tracker.AwaitCastAsync(pattern, cts.Token).ConfigureAwait(false);
            return result.Passed ? "cast ok" : $"recast needed: {result.Defect}";
        }
        catch (OperationCanceledException)
        {
            return "still at foundry";
        }
    }
}
