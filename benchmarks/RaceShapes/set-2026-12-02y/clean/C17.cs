namespace Quarry.Blasting;

/// <summary>
/// Async auto-reset event: each <see cref="Set"/> releases exactly one waiter, or
/// is remembered if nobody is waiting yet.
/// </summary>
public sealed class AsyncAutoResetEvent
{
    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource<bool>> _waiters = new();
    private bool _signaled;

    public Task WaitAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_signaled)
            {
                _signaled = false;
                return Task.CompletedTask;
            }

            var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (ct.CanBeCanceled)
            {
                ct.Register(static s => ((TaskCompletionSource<bool>)s!).TrySetCanceled(), tcs);
            }
            _waiters.Enqueue(tcs);
            return tcs.Task;
        }
    }

    public void Set()
    {
        while (true)
        {
            TaskCompletionSource<bool>? toRelease = null;
            lock (_gate)
            {
                if (_waiters.Count == 0)
                {
                    _signaled = true;
                    return;
                }
                toRelease = _waiters.Dequeue();
            }

            if (toRelease.TrySetResult(true))
            {
                return;
            }
        }
    }
}

public sealed record ChargeHole(string Bench, int Hole, double ExplosiveKg, int DelayMs);

/// <summary>
/// Sequences a bench blast: the shot-firer's console arms each hole and the
/// initiation task waits for the all-clear siren before firing the next delay.
/// </summary>
public sealed class BenchBlastSequencer
{
    private readonly AsyncAutoResetEvent _allClear = new();
    private readonly Func<ChargeHole, CancellationToken, Task> _initiate;
    private int _fired;

    public BenchBlastSequencer(Func<ChargeHole, CancellationToken, Task> initiate) => _initiate = initiate;

    public int Fired => Volatile.Read(ref _fired);

    /// <summary>Called by the siren controller when the exclusion zone is confirmed clear.</summary>
    public void SignalAllClear() => _allClear.Set();

    public async Task FireAsync(IReadOnlyList<ChargeHole> pattern, CancellationToken ct)
    {
        foreach (var hole in pattern.OrderBy(h => h.DelayMs))
        {
            await _allClear.WaitAsync(ct).ConfigureAwait(false);
            await _initiate(hole, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _fired);
        }
    }
}
