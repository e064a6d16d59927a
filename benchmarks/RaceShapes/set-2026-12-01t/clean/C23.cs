namespace SkiResort.LiftAccess;

public enum GateDecision { Open, Denied, TimedOut }

public interface IPassValidationBackend
{
    void BeginValidate(string passId, Action<bool> callback);
}

/// <summary>
/// Turnstile controller for one lift gate. Wraps the callback-based pass
/// validation backend in an awaitable API with a hard time limit so skiers
/// are not held at the gate.
/// </summary>
public sealed class GateController
{
    private readonly IPassValidationBackend _backend;
    private readonly TimeSpan _limit;
    private long _opened;
    private long _timedOut;

    public GateController(IPassValidationBackend backend, TimeSpan limit)
    {
        _backend = backend;
        _limit = limit;
    }

    public long Opened => Interlocked.Read(ref _opened);

    public long TimedOut => Interlocked.Read(ref _timedOut);

    public async Task<GateDecision> ScanAsync(string passId, CancellationToken shutdown)
    {
        var tcs = new TaskCompletionSource<GateDecision>(TaskCreationOptions.RunContinuationsAsynchronously);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        cts.CancelAfter(_limit);
        using var registration = cts.Token.Register(static state =>
        {
            ((TaskCompletionSource<GateDecision>)state!).TrySetResult(GateDecision.TimedOut);
        }, tcs);

        _backend.BeginValidate(passId, valid => tcs.TrySetResult(valid ? GateDecision.Open : GateDecision.Denied));

        var decision = await tcs.Task.ConfigureAwait(false);
        switch (decision)
        {
            case GateDecision.Open:
                Interlocked.Increment(ref _opened);
                break;
            case GateDecision.TimedOut:
                Interlocked.Increment(ref _timedOut);
                break;
        }
        return decision;
    }
}

/// <summary>
/// Offline fallback backend that accepts season passes by prefix after a short delay.
/// </summary>
public sealed class OfflinePassBackend : IPassValidationBackend
{
    private readonly string _seasonPrefix;

    public OfflinePassBackend(string seasonPrefix) => _seasonPrefix = seasonPrefix;

    public void BeginValidate(string passId, Action<bool> callback)
    {
        ThreadPool.QueueUserWorkItem(_ =>
        {
            Thread.Sleep(40);
            callback(passId.StartsWith(_seasonPrefix, StringComparison.OrdinalIgnoreCase));
        });
    }
}
