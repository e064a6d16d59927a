using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Forklift.Dispatch;
using Forklift.Protocol;
using Forklift.Workers;

namespace Forklift;

/// <content>Scheduling: the queue, worker life cycle, and how each fault ends a call.</content>
public sealed partial class WorkerPool
{
    private const int WatchdogPeriod = 50;

    // Method handles are per process, so every worker of every pool agrees on them.
    private static readonly ConcurrentDictionary<ParallelMethod, int> Handles = new(ReferenceEqualityComparer.Instance);
    private static int s_nextHandle = -1;

    private readonly object _gate = new();
    private readonly Queue<PendingCall> _queue = new();
    private readonly List<WorkerProcess> _idle = [];
    private readonly List<WorkerProcess> _workers = [];
    private readonly Dictionary<string, string?> _environment;
    private readonly Timer? _watchdog;
    private WorkerLaunch? _launch;
    private int _live;
    private int _queued;
    private long _nextRequestId;
    private int _outstanding;
    private int _startFailuresInARow;
    private bool _disposing;
    private bool _terminated;
    private TaskCompletionSource? _drained;

    private static readonly Action<object?> OnCanceledCallback = static state =>
    {
        var call = (PendingCall)state!;
        call.Pool!.OnCallCanceled(call);
    };

    private void Submit(PendingCall call)
    {
        call.Pool = this;
        ThrowIfDisposing();
        if (Activity.Current is not null || ForkliftActivitySource.Source.HasListeners())
        {
            Activity? previous = Activity.Current;
            call.Activity = ForkliftActivitySource.Source.StartActivity(call.Method.Name, ActivityKind.Client);
            Activity? context = call.Activity ?? previous;
            call.TraceParent = context?.Id;
            call.TraceState = context?.TraceStateString;

            // The caller's flow keeps its own current activity; ours ends when the call does.
            Activity.Current = previous;
        }

        WorkerProcess? worker = null;
        bool spawn = false;
        lock (_gate)
        {
            ThrowIfDisposing();
            _outstanding++;
            worker = TakeIdle();
            if (worker is not null)
            {
                Assign(worker, call);
            }
            else
            {
                Enqueue(call);
                if (_live < _options.Workers)
                {
                    _live++;
                    spawn = true;
                }
            }
        }

        PoolMetrics.CallsStarted.Add(1, new KeyValuePair<string, object?>("method", call.Method.Name));
        if (call.CancellationToken.CanBeCanceled)
        {
            call.Registration = call.CancellationToken.UnsafeRegister(OnCanceledCallback, call);
        }

        if (worker is not null)
        {
            Send(worker, call);
        }

        if (spawn)
        {
            SpawnWorker();
        }
    }

    private void Enqueue(PendingCall call)
    {
        call.State = CallState.Queued;
        _queue.Enqueue(call);
        _queued++;
        PoolMetrics.QueueLength.Add(1);
    }

    /// <summary>The next queued call still worth running, or <see langword="null"/>. Under the lock.</summary>
    private PendingCall? DequeueLive()
    {
        while (_queue.TryDequeue(out PendingCall? call))
        {
            if (call.State != CallState.Queued)
            {
                continue;
            }

            _queued--;
            PoolMetrics.QueueLength.Add(-1);
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

    private List<PendingCall> DrainQueue()
    {
        var drained = new List<PendingCall>();
        while (DequeueLive() is PendingCall call)
        {
            call.State = CallState.Done;
            drained.Add(call);
        }

        return drained;
    }

    private WorkerProcess? TakeIdle()
    {
        int last = _idle.Count - 1;
        if (last < 0)
        {
            return null;
        }

        WorkerProcess worker = _idle[last];
        _idle.RemoveAt(last);
        return worker;
    }

    /// <summary>Gives <paramref name="call"/> to <paramref name="worker"/>. Under the lock; the caller then calls <see cref="Send"/>.</summary>
    private void Assign(WorkerProcess worker, PendingCall call)
    {
        call.State = CallState.Running;
        call.Worker = worker;
        call.RequestId = ++_nextRequestId;
        worker.Current = call;
        worker.State = WorkerState.Busy;
        worker.CancelDeadline = long.MaxValue;
        TimeSpan? timeout = call.Method.Options.Timeout ?? _options.TaskTimeout;
        worker.CallDeadline = timeout is TimeSpan t
            ? Stopwatch.GetTimestamp() + (long)(t.TotalSeconds * Stopwatch.Frequency * call.ItemCount)
            : long.MaxValue;
        PoolMetrics.BusyWorkers.Add(1);
    }

    private void Send(WorkerProcess worker, PendingCall call)
    {
        while (true)
        {
            int handle = Handles.GetOrAdd(call.Method, static _ => Interlocked.Increment(ref s_nextHandle));
            Exception? encodeError;
            try
            {
                encodeError = worker.SendRequest(call, handle, call.RequestId);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The worker died before it got the request: the call never ran, so it goes back to the queue
                // (the reading thread sees the exit and does that if it has not yet).
                lock (_gate)
                {
                    if (worker.Current == call)
                    {
                        call.Delivered = false;
                    }
                }

                return;
            }

            if (encodeError is null)
            {
                return;
            }

            Fail(call, encodeError);
            PendingCall? next = ReleaseWorker(worker, workingSet: 0, out bool spawn);
            if (spawn)
            {
                SpawnWorker();
            }

            if (next is null)
            {
                return;
            }

            call = next;
        }
    }

    /// <summary>A worker answered its current call: complete it, then give the worker the next one.</summary>
    internal void OnResponse(WorkerProcess worker, ReadOnlySpan<byte> body)
    {
        var reader = new PayloadReader(body);
        long id = reader.ReadInt64();
        var status = (ResponseStatus)reader.ReadByte();
        long workingSet = reader.ReadInt64();
        PendingCall? call = worker.Current;
        if (call is null || call.RequestId != id)
        {
            throw new InvalidDataException($"The worker answered request {id}, which it was not running.");
        }

        ReadOnlySpan<byte> payload = body[ProtocolConstants.ResponsePrefixSize..];
        switch (status)
        {
            case ResponseStatus.Ok:
                if (call.TryComplete())
                {
                    try
                    {
                        call.SetResult(payload);
                        Finished(call, succeeded: true);
                    }
                    catch (Exception e)
                    {
                        call.SetException(new InvalidDataException($"Could not decode the result of {call.Method.Name}: {e.Message}", e));
                        Finished(call, succeeded: false);
                    }
                }

                break;
            case ResponseStatus.Error:
                var errorReader = new PayloadReader(payload);
                int item = (int)errorReader.ReadVarUInt32();
                RemoteException error = ToRemoteException(ErrorInfo.ReadChain(ref errorReader), call.Method.Name);
                Fail(call, call is IChunk chunk ? new RemoteException(error.RemoteType, $"Input {chunk.InputIndex(item)}: {error.Message}", error.RemoteStackTrace, error.InnerException) { MethodName = call.Method.Name } : error);
                break;
            case ResponseStatus.Canceled:
                Cancel(call);
                break;
            default:
                throw new InvalidDataException($"Unknown response status {(byte)status}.");
        }

        PendingCall? next = ReleaseWorker(worker, workingSet, out bool spawn);
        if (next is not null)
        {
            Send(worker, next);
        }

        if (spawn)
        {
            SpawnWorker();
        }
    }

    internal void OnProgress(WorkerProcess worker, ReadOnlySpan<byte> body)
    {
        // Through PayloadReader so a short frame is an InvalidDataException (a protocol error for this worker), not an
        // exception that escapes the reading thread.
        long id = new PayloadReader(body).ReadInt64();
        PendingCall? call = worker.Current;
        if (call is not null && call.RequestId == id && !call.IsCompleted && call.Progress is ProgressSink sink)
        {
            try
            {
                sink.Report(body[8..]);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A throwing IProgress<T> must not take the connection down; the call itself goes on.
                Debug.WriteLine(e);
            }
        }
    }

    /// <summary>The worker finished its call. Returns its next call (already assigned), or parks it idle or retires it.</summary>
    private PendingCall? ReleaseWorker(WorkerProcess worker, long workingSet, out bool spawn)
    {
        spawn = false;
        bool retire = false;
        PendingCall? next = null;
        lock (_gate)
        {
            if (worker.Current is not null)
            {
                worker.Current.State = CallState.Done;
                worker.Current = null;
                PoolMetrics.BusyWorkers.Add(-1);
            }

            worker.CallsDone++;
            if (worker.State != WorkerState.Busy)
            {
                return null;
            }

            retire = (_options.MaxTasksPerWorker is int maxCalls && worker.CallsDone >= maxCalls)
                || (_options.MaxWorkerMemory is long maxMemory && workingSet > maxMemory);
            if (retire)
            {
                worker.State = WorkerState.Retiring;
                worker.Reason = KillReason.Recycled;
                _live--;
                if (_queued > 0 || (!_disposing && _live < _options.Workers))
                {
                    _live++;
                    spawn = true;
                }
            }
            else
            {
                next = DequeueLive();
                if (next is not null)
                {
                    Assign(worker, next);
                }
                else
                {
                    worker.State = WorkerState.Idle;
                    worker.CallDeadline = long.MaxValue;
                    _idle.Add(worker);
                }
            }
        }

        if (retire)
        {
            PoolMetrics.WorkerRecycles.Add(1);
            LogWorkerRecycled(_logger, worker.ProcessId, worker.CallsDone);
            worker.SendShutdown();
        }

        return next;
    }

    internal void OnWorkerReady(WorkerProcess worker)
    {
        PendingCall? next = null;
        lock (_gate)
        {
            if (worker.State != WorkerState.Starting)
            {
                return;
            }

            _startFailuresInARow = 0;
            next = DequeueLive();
            if (next is not null)
            {
                Assign(worker, next);
            }
            else
            {
                worker.State = WorkerState.Idle;
                _idle.Add(worker);
            }
        }

        worker.Ready.TrySetResult();
        if (next is not null)
        {
            Send(worker, next);
        }
    }

    private void SpawnWorker()
    {
        var worker = new WorkerProcess(this, _options.MaxMessageBytes);
        lock (_gate)
        {
            worker.State = WorkerState.Starting;
            worker.StartDeadline = Stopwatch.GetTimestamp() + (long)(_options.WorkerStartTimeout.TotalSeconds * Stopwatch.Frequency);
            _workers.Add(worker);
        }

        try
        {
            _launch ??= WorkerLaunch.Resolve();
            WorkerLaunch launch = _options.LaunchOverride is { } change ? change(_launch) : _launch;
            worker.Start(launch, _environment, RegisteredAssemblies(), _options.MaxWorkerMemory is not null);
            PoolMetrics.WorkerStarts.Add(1);
            LogWorkerStarted(_logger, worker.ProcessId);
        }
        catch (Exception e)
        {
            var error = e as WorkerStartException ?? new WorkerStartException($"Could not start a worker process: {e.Message}", e);
            WorkerLost(worker, error, exitCode: null, stderr: []);
        }
    }

    private static List<Assembly> RegisteredAssemblies()
    {
        var assemblies = new List<Assembly>();
        foreach (ParallelMethod method in ParallelMethodRegistry.RegisteredMethods)
        {
            AddOnce(assemblies, method.DeclaringType.Assembly);
        }

        foreach (WorkerInitializer initializer in ParallelMethodRegistry.WorkerInitializers)
        {
            AddOnce(assemblies, initializer.DeclaringType.Assembly);
        }

        return assemblies;

        static void AddOnce(List<Assembly> list, Assembly assembly)
        {
            if (!list.Contains(assembly))
            {
                list.Add(assembly);
            }
        }
    }

    /// <summary>The worker's connection ended (it exited, was killed, or broke the protocol).</summary>
    internal void OnWorkerLost(WorkerProcess worker, Exception? protocolError)
    {
        Process? process = worker.Process;
        if (protocolError is not null)
        {
            lock (_gate)
            {
                if (worker.Reason == KillReason.None)
                {
                    worker.Reason = KillReason.ProtocolError;
                }
            }

            worker.Kill();
        }

        int? exitCode = null;
        if (process is not null)
        {
            if (!process.WaitForExit(3000))
            {
                worker.Kill();
                process.WaitForExit(3000);
            }

            try
            {
                exitCode = process.ExitCode;
            }
            catch (InvalidOperationException)
            {
            }
        }

        // The last words (e.g. FailFast's message) may still be in the stderr pipe. The process has exited, so the pipe
        // ends as soon as its reading thread drains it; the bound only matters if a child of the worker inherited it.
        string[] stderr = worker.StandardErrorTail(TimeSpan.FromSeconds(3));
        WorkerLost(worker, protocolError, exitCode, stderr);
        process?.Dispose();
    }

    private void WorkerLost(WorkerProcess worker, Exception? error, int? exitCode, string[] stderr)
    {
        PendingCall? call;
        WorkerState was;
        KillReason reason;
        List<PendingCall>? failQueued = null;
        Exception? startError = null;
        bool spawn = false;
        bool retry = false;
        lock (_gate)
        {
            was = worker.State;
            reason = worker.Reason;
            worker.State = WorkerState.Dead;
            _workers.Remove(worker);
            _idle.Remove(worker);
            if (was is WorkerState.Starting or WorkerState.Idle or WorkerState.Busy)
            {
                _live--;
            }

            call = worker.Current;
            worker.Current = null;
            if (call is not null)
            {
                PoolMetrics.BusyWorkers.Add(-1);
            }

            if (was == WorkerState.Starting && reason is KillReason.None or KillReason.StartTimeout or KillReason.ProtocolError)
            {
                _startFailuresInARow++;
                startError = StartFailure(worker, error, reason, exitCode, stderr);
                bool anyReady = false;
                foreach (WorkerProcess other in _workers)
                {
                    anyReady |= other.State is WorkerState.Idle or WorkerState.Busy;
                }

                if (!anyReady)
                {
                    // Nobody can run the queued calls: fail them now rather than let them wait for ever.
                    failQueued = DrainQueue();
                }
            }

            if (call is not null && !call.IsCompleted)
            {
                bool mayRetry = reason is KillReason.None or KillReason.ProtocolError && call.Attempts < call.Method.Options.MaxRetries;
                if (!call.Delivered || mayRetry)
                {
                    if (call.Delivered)
                    {
                        call.Attempts++;
                    }

                    call.Delivered = false;
                    call.Worker = null;
                    Enqueue(call);
                    retry = true;
                }
                else
                {
                    call.State = CallState.Done;
                }
            }

            // While disposing, a replacement still starts for queued calls: DisposeAsync promises to complete them.
            bool wanted = _queued > 0 || (!_disposing && was is WorkerState.Idle or WorkerState.Busy);
            if (!_terminated && wanted && _live < _options.Workers && _startFailuresInARow < 3)
            {
                _live++;
                spawn = true;
            }

            CheckDrained();
        }

        if (reason is not (KillReason.Recycled or KillReason.Shutdown or KillReason.Terminated))
        {
            PoolMetrics.WorkerCrashes.Add(1);
            LogWorkerLost(_logger, worker.ProcessId, reason == KillReason.None ? "exited" : reason.ToString(), exitCode, call?.Method.Name);
        }

        if (startError is not null)
        {
            LogStartFailed(_logger, startError);
            worker.Ready.TrySetException(startError);
        }
        else
        {
            worker.Ready.TrySetResult();
        }

        if (call is not null && !retry && !call.IsCompleted)
        {
            switch (reason)
            {
                case KillReason.Timeout:
                    TimeSpan timeout = (call.Method.Options.Timeout ?? _options.TaskTimeout ?? TimeSpan.Zero) * call.ItemCount;
                    Fail(call, new WorkerTimeoutException($"{call.Method.Name} did not complete within {timeout}; its worker (process {worker.ProcessId}) was killed.")
                    {
                        MethodName = call.Method.Name,
                        Timeout = timeout,
                    });
                    break;
                case KillReason.Canceled:
                    Cancel(call);
                    break;
                case KillReason.Terminated:
                    Fail(call, new ObjectDisposedException(nameof(WorkerPool), "The pool was terminated while this call ran."));
                    break;
                default:
                    Fail(call, startError ?? CrashException(worker, call, error, exitCode, stderr));
                    break;
            }
        }

        if (failQueued is not null)
        {
            foreach (PendingCall queued in failQueued)
            {
                Fail(queued, startError!);
            }
        }

        if (retry)
        {
            PendingCall? next = null;
            WorkerProcess? idle = null;
            lock (_gate)
            {
                idle = TakeIdle();
                if (idle is not null)
                {
                    next = DequeueLive();
                    if (next is not null)
                    {
                        Assign(idle, next);
                    }
                    else
                    {
                        _idle.Add(idle);
                    }
                }
            }

            if (next is not null)
            {
                Send(idle!, next);
            }
        }

        if (spawn)
        {
            SpawnWorker();
        }
    }

    private static WorkerCrashedException CrashException(WorkerProcess worker, PendingCall call, Exception? protocolError, int? exitCode, string[] stderr)
    {
        int? signal = !OperatingSystem.IsWindows() && exitCode is > 128 and < 160 ? exitCode - 128 : null;
        string head = protocolError is not null
            ? $"Worker process {worker.ProcessId} broke the protocol while running {call.Method.Name}: {protocolError.Message}"
            : $"Worker process {worker.ProcessId} exited while running {call.Method.Name}.";
        return new WorkerCrashedException(WorkerCrashedException.Describe(head, exitCode, signal, stderr), protocolError)
        {
            ExitCode = exitCode,
            Signal = signal,
            ProcessId = worker.ProcessId,
            MethodName = call.Method.Name,
            StandardErrorTail = stderr,
        };
    }

    private WorkerStartException StartFailure(WorkerProcess worker, Exception? error, KillReason reason, int? exitCode, string[] stderr)
    {
        if (error is WorkerStartException start)
        {
            return start;
        }

        string head = worker.StartError is not null
            ? $"Worker process {worker.ProcessId} failed to start: {worker.StartError.Message}"
            : reason == KillReason.StartTimeout
                ? $"Worker process {worker.ProcessId} did not become ready within {_options.WorkerStartTimeout} (WorkerPoolOptions.WorkerStartTimeout)."
                : error is not null
                    ? $"Worker process {worker.ProcessId} failed to start: {error.Message}"
                    : $"Worker process {worker.ProcessId} exited before it was ready.";
        return new WorkerStartException(WorkerCrashedException.Describe(head, exitCode, signal: null, stderr), worker.StartError ?? error)
        {
            StandardErrorTail = stderr,
        };
    }

    private void OnCallCanceled(PendingCall call)
    {
        bool cancelNow = false;
        WorkerProcess? forwardTo = null;
        lock (_gate)
        {
            if (call.IsCompleted)
            {
                return;
            }

            if (call.State == CallState.Queued)
            {
                // It stays in the queue object but is skipped; the count drops now.
                call.State = CallState.Done;
                _queued--;
                PoolMetrics.QueueLength.Add(-1);
                cancelNow = true;
            }
            else if (call.State == CallState.Running && call.Worker is WorkerProcess worker && worker.Current == call)
            {
                worker.CancelDeadline = Stopwatch.GetTimestamp() + (long)(_options.CancellationGracePeriod.TotalSeconds * Stopwatch.Frequency);
                if (call.Method.Options.AcceptsCancellation)
                {
                    forwardTo = worker;
                }
                else
                {
                    // Nothing in the worker can stop it: abandon it now; the worker is killed if it does not finish in the grace period.
                    cancelNow = true;
                }
            }
        }

        if (cancelNow)
        {
            Cancel(call);
        }

        forwardTo?.SendCancel(call.RequestId);
    }

    private void OnWatchdog()
    {
        List<WorkerProcess>? kill = null;
        long now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (WorkerProcess worker in _workers)
            {
                KillReason reason = worker.State switch
                {
                    WorkerState.Starting when now > worker.StartDeadline => KillReason.StartTimeout,
                    WorkerState.Busy when now > worker.CallDeadline => KillReason.Timeout,
                    WorkerState.Busy when now > worker.CancelDeadline => KillReason.Canceled,
                    _ => KillReason.None,
                };
                if (reason != KillReason.None && worker.Reason == KillReason.None)
                {
                    worker.Reason = reason;
                    (kill ??= []).Add(worker);
                }
            }
        }

        if (kill is not null)
        {
            foreach (WorkerProcess worker in kill)
            {
                worker.Kill();
            }
        }
    }

    private void Fail(PendingCall call, Exception exception)
    {
        if (call.TryComplete())
        {
            call.SetException(exception);
            Finished(call, succeeded: false);
        }
    }

    private void Cancel(PendingCall call)
    {
        if (call.TryComplete())
        {
            call.SetCanceled();
            Finished(call, succeeded: false);
        }
    }

    /// <summary>Bookkeeping once a call's outcome is set: metrics, its activity, its registration, drain.</summary>
    private void Finished(PendingCall call, bool succeeded)
    {
        call.Registration.Unregister();
        double seconds = Stopwatch.GetElapsedTime(call.StartTimestamp).TotalSeconds;
        var tag = new KeyValuePair<string, object?>("method", call.Method.Name);
        (succeeded ? PoolMetrics.CallsCompleted : PoolMetrics.CallsFailed).Add(1, tag);
        PoolMetrics.CallDuration.Record(seconds, tag);
        if (call.Activity is Activity activity)
        {
            if (!succeeded)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }

            activity.Dispose();
        }

        lock (_gate)
        {
            FinishAccounting(call);
        }
    }

    /// <summary>Counts a call out of the pool once. Under the lock.</summary>
    private void FinishAccounting(PendingCall call)
    {
        if (!call.Counted)
        {
            call.Counted = true;
            _outstanding--;
            CheckDrained();
        }
    }

    private void CheckDrained()
    {
        if (_disposing && _outstanding == 0)
        {
            _drained?.TrySetResult();
        }
    }

    private async Task StopWorkersAsync()
    {
        List<WorkerProcess> workers;
        lock (_gate)
        {
            workers = new List<WorkerProcess>(_workers);
            foreach (WorkerProcess worker in workers)
            {
                if (worker.Reason == KillReason.None)
                {
                    worker.Reason = KillReason.Shutdown;
                }
            }
        }

        foreach (WorkerProcess worker in workers)
        {
            worker.SendShutdown();
        }

        foreach (WorkerProcess worker in workers)
        {
            if (worker.Process is Process process)
            {
                try
                {
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    worker.Kill();
                }
                catch (InvalidOperationException)
                {
                }
            }
        }

        _watchdog?.Dispose();
    }
}

/// <summary>Lets the scheduler treat every map chunk alike whatever its type arguments.</summary>
internal interface IChunk
{
    bool IsObsolete { get; }

    int InputIndex(int item);
}
