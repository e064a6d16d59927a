namespace Forklift.Dispatch;

/// <summary>
/// The <see cref="WorkerCallContext"/> of the call a worker is running. A worker runs one call at a time, so one
/// instance is reused call after call; its token source is reset instead of reallocated.
/// </summary>
internal sealed class ForwardedCallContext : WorkerCallContext
{
    private readonly WorkerDispatcher _dispatcher;
    private readonly object _gate = new();
    private CancellationTokenSource _cts = new();
    private long _requestId;

    // The last two cancelled request ids: the parent may cancel the running request and the one waiting behind it
    // (map pipelining), in either order, and both must be remembered until the waiting one begins.
    private long _canceledRequestId = -1;
    private long _canceledBefore = -1;
    private bool _active;

    public ForwardedCallContext(WorkerDispatcher dispatcher) => _dispatcher = dispatcher;

    public override CancellationToken CancellationToken => _cts.Token;

    /// <summary>The id of the running call.</summary>
    public long RequestId => Volatile.Read(ref _requestId);

    public override IProgress<T> CreateProgress<T>(ParallelCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return new ForwardedProgress<T>(this, codec, RequestId);
    }

    public void Begin(long requestId)
    {
        lock (_gate)
        {
            if (!_cts.TryReset())
            {
                _cts.Dispose();
                _cts = new CancellationTokenSource();
            }

            _requestId = requestId;
            _active = true;
            if (_canceledRequestId == requestId || _canceledBefore == requestId)
            {
                // The cancel frame overtook the call on its way to the thread pool.
                _cts.Cancel();
            }
        }
    }

    public void End()
    {
        lock (_gate)
        {
            _active = false;
        }
    }

    /// <summary>Cancels the call <paramref name="requestId"/> if it is running or about to.</summary>
    public void Cancel(long requestId)
    {
        CancellationTokenSource? toCancel = null;
        lock (_gate)
        {
            _canceledBefore = _canceledRequestId;
            _canceledRequestId = requestId;
            if (_active && _requestId == requestId)
            {
                toCancel = _cts;
            }
        }

        // Outside the lock: token callbacks are user code.
        toCancel?.Cancel();
    }

    private bool IsCurrent(long requestId)
    {
        lock (_gate)
        {
            return _active && _requestId == requestId;
        }
    }

    private sealed class ForwardedProgress<T>(ForwardedCallContext context, ParallelCodec<T> codec, long requestId) : IProgress<T>
    {
        public void Report(T value)
        {
            // Reports after the call completed are dropped, as the contract says.
            if (context.IsCurrent(requestId))
            {
                context._dispatcher.SendProgress(requestId, codec, value);
            }
        }
    }
}
