using System.Diagnostics;
using Forklift.Dispatch;

namespace Forklift.Workers;

/// <summary>
/// The half of scheduling that does not depend on what runs a call: the FIFO queue (with lazy removal of cancelled
/// and obsolete calls), the retry rule for a call whose worker was lost, per-input deadlines, and the once-only
/// completion of a call with its metrics, activity and drain accounting.
/// </summary>
/// <remarks>
/// <para>Two owners use it: <see cref="WorkerPool"/>, which keeps what is particular to worker processes (starting,
/// watching and recycling them, giving a call to an idle one, writing requests, pipelining, reading answers), and the
/// cluster's scheduler in <c>Forklift.Orleans</c>, which keeps membership, pings, leases and the choice of node. Each
/// shares this class's lock, <see cref="Gate"/>, so that a decision spanning both (take the queue's head and give it
/// to a free worker) is atomic. Members documented "under the lock" must be called holding it; <see cref="Fail"/>,
/// <see cref="Cancel"/> and <see cref="Finished"/> must be called without it (they complete tasks and take the lock
/// themselves).</para>
/// <para>Left for later (docs/design-runtime-seam.md, "One scheduler over worker channels"): assignment and pipelining
/// over a worker-channel abstraction, so that a worker process and a remote slot are interchangeable.</para>
/// </remarks>
internal sealed class ChannelScheduler
{
    private readonly Queue<PendingCall> _queue = new();

    // Calls sent back after a loss that go before every other queued call (the cluster's rule: a call that was already
    // running, or about to, does not wait behind calls submitted after it). Taken before _queue.
    private readonly Queue<PendingCall> _ahead = new();
    private readonly TimeSpan? _defaultTimeout;
    private int _queued;
    private int _outstanding;
    private bool _draining;
    private TaskCompletionSource? _drained;

    /// <param name="poolName">Tags the pool's metrics and spans.</param>
    /// <param name="defaultTimeout">A call's time limit when its method sets none (<see cref="WorkerPoolOptions.TaskTimeout"/>).</param>
    public ChannelScheduler(string poolName, TimeSpan? defaultTimeout)
    {
        PoolTag = new KeyValuePair<string, object?>(ForkliftActivitySource.PoolNameTag, poolName);
        _defaultTimeout = defaultTimeout;
    }

    /// <summary>Guards the queue, the accounting, every call's scheduling fields, and the owner's channel state.</summary>
    public object Gate { get; } = new();

    /// <summary>The pool-name tag of every metric.</summary>
    public KeyValuePair<string, object?> PoolTag { get; }

    /// <summary>Calls waiting in the queue (cancelled ones drop out at once). Under the lock.</summary>
    public int Queued => _queued;

    /// <summary>Calls submitted and not yet counted out: queued or running. Under the lock.</summary>
    public int Outstanding => _outstanding;

    /// <summary>No new calls are accepted: the owner is draining or terminated. Under the lock.</summary>
    public bool IsDraining => _draining;

    /// <summary>Counts a submitted call in, until <see cref="FinishAccounting"/> counts it out. Under the lock.</summary>
    public void Admit() => _outstanding++;

    /// <summary>Refuses new calls from now on and returns a task that completes once every outstanding call is
    /// counted out. Under the lock.</summary>
    public Task BeginDrain()
    {
        _draining = true;
        if (_outstanding == 0)
        {
            return Task.CompletedTask;
        }

        _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _drained.Task;
    }

    /// <summary>Puts a call at the back of the queue, or (<paramref name="ahead"/>) before every call queued normally.
    /// Under the lock.</summary>
    public void Enqueue(PendingCall call, bool ahead = false)
    {
        call.State = CallState.Queued;
        (ahead ? _ahead : _queue).Enqueue(call);
        _queued++;
        PoolMetrics.QueueLength.Add(1, PoolTag);
    }

    /// <summary>The next queued call still worth running, or <see langword="null"/>. Under the lock.</summary>
    public PendingCall? DequeueLive()
    {
        while (_ahead.TryDequeue(out PendingCall? call) || _queue.TryDequeue(out call))
        {
            if (call.State != CallState.Queued)
            {
                continue;
            }

            _queued--;
            PoolMetrics.QueueLength.Add(-1, PoolTag);
            if (call.IsCompleted || call is IChunk { IsObsolete: true })
            {
                call.State = CallState.Done;
                FinishAccounting(call);
                continue;
            }

            return call;
        }

        return null;
    }

    /// <summary>The queue's head if it is still worth running, without taking it; drops dead entries as
    /// <see cref="DequeueLive"/> does. Under the lock.</summary>
    public PendingCall? PeekLive()
    {
        while (Head() is Queue<PendingCall> queue)
        {
            PendingCall call = queue.Peek();
            if (call.State == CallState.Queued && !call.IsCompleted && call is not IChunk { IsObsolete: true })
            {
                return call;
            }

            queue.Dequeue();
            if (call.State == CallState.Queued)
            {
                _queued--;
                PoolMetrics.QueueLength.Add(-1, PoolTag);
                call.State = CallState.Done;
                FinishAccounting(call);
            }
        }

        return null;
    }

    /// <summary>The queue the next call comes from, or <see langword="null"/> when both are empty.</summary>
    private Queue<PendingCall>? Head() => _ahead.Count > 0 ? _ahead : _queue.Count > 0 ? _queue : null;

    /// <summary>Takes every queued call still worth running out of the queue (to fail them). Under the lock.</summary>
    public List<PendingCall> DrainQueue()
    {
        var drained = new List<PendingCall>();
        while (DequeueLive() is PendingCall call)
        {
            call.State = CallState.Done;
            drained.Add(call);
        }

        return drained;
    }

    /// <summary>A queued call was cancelled: it stays in the queue object but is skipped, and the count drops now.
    /// Returns <see langword="false"/> if it was not queued. Under the lock.</summary>
    public bool Unqueue(PendingCall call)
    {
        if (call.State != CallState.Queued)
        {
            return false;
        }

        call.State = CallState.Done;
        _queued--;
        PoolMetrics.QueueLength.Add(-1, PoolTag);
        return true;
    }

    /// <summary>Takes the queued calls that <paramref name="match"/> selects out of the queue (to fail them); they stay in
    /// the queue objects and are skipped. Under the lock.</summary>
    public List<PendingCall>? UnqueueWhere(Func<PendingCall, bool> match)
    {
        List<PendingCall>? taken = null;
        foreach (Queue<PendingCall> queue in new[] { _ahead, _queue })
        {
            foreach (PendingCall call in queue)
            {
                if (call.State == CallState.Queued && !call.IsCompleted && match(call) && Unqueue(call))
                {
                    (taken ??= []).Add(call);
                }
            }
        }

        return taken;
    }

    /// <summary>
    /// The retry rule for a call whose worker was lost. A call that provably never reached it
    /// (<see cref="PendingCall.Delivered"/> is false) goes back to the queue without counting as an attempt; one that
    /// may have run goes back only if the loss allows a retry (<paramref name="retryable"/>: a crash, not a timeout or a
    /// cancellation) and the method's <see cref="Dispatch.ParallelMethodOptions.MaxRetries"/> is not used up.
    /// Returns whether it was queued again (<paramref name="ahead"/>: before the calls queued normally); if not, the
    /// caller fails it. Under the lock.
    /// </summary>
    public bool RequeueAfterLoss(PendingCall call, bool retryable, bool ahead = false)
    {
        if (call.Delivered && !(retryable && call.Attempts < call.Method.Options.MaxRetries))
        {
            call.State = CallState.Done;
            return false;
        }

        if (call.Delivered)
        {
            call.Attempts++;
        }

        call.Delivered = false;
        call.Worker = null;
        Enqueue(call, ahead);
        return true;
    }

    /// <summary>When the worker of <paramref name="call"/> is killed if it has not answered (or, for a batch, reported
    /// another input done): one timeout from now. A batch's inputs each get the timeout, plus the interval at which the
    /// worker reports them (<see cref="Protocol.ProtocolConstants.ItemsDoneInterval"/>). Under the lock.</summary>
    public long ItemDeadline(PendingCall call)
    {
        if (call.TimeoutOverride is TimeSpan limit)
        {
            // A remote caller's time to its deadline: one fixed deadline for the whole call, not renewed per input.
            return call.FixedDeadline ??= Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        }

        if (TimeLimitOf(call) is not TimeSpan timeout)
        {
            return long.MaxValue;
        }

        if (call.IsBatch)
        {
            timeout += Protocol.ProtocolConstants.ItemsDoneInterval;
        }

        return Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>The limit a call (or each input of a batch, unless <see cref="PendingCall.TimeoutOverride"/> bounds the
    /// whole call) gets: the call's own override, a remote caller's per-input limit, the method's, or the pool's.</summary>
    public TimeSpan? TimeLimitOf(PendingCall call)
        => call.TimeoutOverride ?? (call as RawBatchCall)?.ItemTimeout ?? call.Method.Options.Timeout ?? _defaultTimeout;

    /// <summary>Fails the call unless it already has an outcome. Without the lock.</summary>
    public void Fail(PendingCall call, Exception exception)
    {
        if (call.TryComplete())
        {
            call.SetException(exception);
            Finished(call, succeeded: false, exception);
        }
    }

    /// <summary>Cancels the call unless it already has an outcome. Without the lock.</summary>
    public void Cancel(PendingCall call)
    {
        if (call.TryComplete())
        {
            call.SetCanceled();
            Finished(call, succeeded: false, canceled: true);
        }
    }

    /// <summary>Bookkeeping once a call's outcome is set: metrics, its activity, its registration, drain. Without the lock.</summary>
    public void Finished(PendingCall call, bool succeeded, Exception? error = null, bool canceled = false)
    {
        call.Registration.Unregister();
        double seconds = Stopwatch.GetElapsedTime(call.StartTimestamp).TotalSeconds;
        var tag = new KeyValuePair<string, object?>("method", call.Method.Name);
        (succeeded ? PoolMetrics.CallsCompleted : PoolMetrics.CallsFailed).Add(1, tag, PoolTag);
        PoolMetrics.CallDuration.Record(seconds, tag, PoolTag);
        if (call.Activity is Activity activity)
        {
            string outcome = succeeded ? "ok" : canceled ? "canceled" : OutcomeOf(error);
            activity.SetTag(ForkliftActivitySource.OutcomeTag, outcome);
            if (!succeeded)
            {
                activity.SetStatus(ActivityStatusCode.Error, canceled ? "canceled" : error?.Message);
                activity.SetTag(ForkliftActivitySource.ErrorTypeTag, error is RemoteException remote ? remote.RemoteType : error?.GetType().FullName ?? "canceled");
            }

            activity.Dispose();
        }

        lock (Gate)
        {
            FinishAccounting(call);
        }
    }

    /// <summary>Counts a call out of the outstanding calls once. Under the lock.</summary>
    public void FinishAccounting(PendingCall call)
    {
        if (!call.Counted)
        {
            call.Counted = true;
            _outstanding--;
            CheckDrained();
        }
    }

    /// <summary>Completes the drain once nothing is outstanding. Under the lock.</summary>
    public void CheckDrained()
    {
        if (_draining && _outstanding == 0)
        {
            _drained?.TrySetResult();
        }
    }

    /// <summary>The <c>forklift.outcome</c> span attribute: one short word per way a call can end.</summary>
    private static string OutcomeOf(Exception? error) => error switch
    {
        RemoteException => "error",
        WorkerCrashedException => "crashed",
        WorkerTimeoutException => "timeout",
        WorkerStartException => "start_failed",
        OperationCanceledException => "canceled",
        ObjectDisposedException => "shut_down",
        _ => "failed",
    };
}
