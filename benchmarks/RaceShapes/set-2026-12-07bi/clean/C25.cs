namespace Blind61.ModelRocketry;

public sealed record IgnitionResult(string PadId, bool Fired, TimeSpan Latency);

public interface ILaunchController
{
    Task<bool> ContinuityCheckAsync(string padId, CancellationToken ct);
    Task<bool> FireAsync(string padId, CancellationToken ct);
}

/// <summary>
/// Timeout and retry policy around the club's wireless launch controller.
/// </summary>
public sealed class LaunchControllerPolicy
{
    private readonly ILaunchController _controller;
    private readonly TimeSpan _attemptTimeout;
    private readonly int _maxAttempts;

    public LaunchControllerPolicy(ILaunchController controller, TimeSpan attemptTimeout, int maxAttempts)
    {
        _controller = controller;
        _attemptTimeout = attemptTimeout;
        _maxAttempts = maxAttempts;
    }

    public async Task<bool> CheckContinuityAsync(string padId, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= _maxAttempts; attempt++)
        {
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var call = _controller.ContinuityCheckAsync(padId, attemptCts.Token);
            var timeout = Task.Delay(_attemptTimeout, attemptCts.Token);

            var winner = await Task.WhenAny(call, timeout).ConfigureAwait(false);
            attemptCts.Cancel();

            if (winner == call)
            {
                try
                {
                    return await call.ConfigureAwait(false);
                }
                catch (IOException) when (attempt < _maxAttempts)
                {
                    continue;
                }
            }

            ct.ThrowIfCancellationRequested();
            try { await call.ConfigureAwait(false); } catch { }
        }
        return false;
    }

    /// <summary>Fire is never retried: a late success would launch twice.</summary>
    public async Task<IgnitionResult> FireOnceAsync(string padId, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(_attemptTimeout);
        try
        {
            var fired = await _controller.FireAsync(padId, cts.Token).ConfigureAwait(false);
            return new IgnitionResult(padId, fired, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new IgnitionResult(padId, false, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }
}

/// <summary>Range safety officer's console action for a drag race of several pads.</summary>
public sealed class DragRaceLauncher
{
    private readonly LaunchControllerPolicy _policy;

    public DragRaceLauncher(LaunchControllerPolicy policy) => _policy = policy;

    public async Task<IReadOnlyList<IgnitionResult>> LaunchAsync(IReadOnlyList<string> pads, CancellationToken ct)
    {
        var checks = await Task.WhenAll(pads.Select(p => _policy.CheckContinuityAsync(p, ct)));
        if (checks.Any(ok => !ok))
            return pads.Select(p => new IgnitionResult(p, false, TimeSpan.Zero)).ToList();

        return await Task.WhenAll(pads.Select(p => _policy.FireOnceAsync(p, ct)));
    }
}
