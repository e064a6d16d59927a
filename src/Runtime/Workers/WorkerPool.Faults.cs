using Forklift.Protocol;
using Forklift.Transport;
using Forklift.Workers;

namespace Forklift;

/// <content>A lost worker: how the way a worker ended decides what happens to its call, the queue and the pool.</content>
public sealed partial class WorkerPool
{
    /// <summary>The worker's connection ended (it exited, was killed, or broke the protocol).</summary>
    internal void OnWorkerLost(WorkerProcess worker, Exception? protocolError)
    {
        ChildProcess? child = worker.Child;
        if (protocolError is not null)
        {
            lock (_scheduler.Gate)
            {
                if (worker.Reason == KillReason.None)
                {
                    worker.Reason = KillReason.ProtocolError;
                }
            }

            worker.Kill();
        }

        ChildExit exit = ChildExit.Unknown;
        if (child is not null)
        {
            // The protocol ended: the worker exited, or closed its end and goes on (then it is killed).
            if (!child.Exited.Wait(3000))
            {
                worker.Kill();
                child.Exited.Wait(3000);
            }

            if (child.Exited.IsCompletedSuccessfully)
            {
                exit = child.Exited.Result;
            }

            // Large messages in flight to or from it (a crash, a kill, a timeout) will never be read: free them.
            SharedMemorySegment.DeleteAll(Environment.ProcessId, worker.ProcessId);
        }

        // The last words (e.g. FailFast's message) may still be in the stderr pipe; they are read once the pipe is
        // empty (the worker has exited), even if a process the worker started keeps the pipe open.
        string[] stderr = worker.StandardErrorTail(TimeSpan.FromSeconds(3));
        WorkerLost(worker, protocolError, exit, stderr);
        child?.Dispose();
    }

    private void WorkerLost(WorkerProcess worker, Exception? error, ChildExit exit, string[] stderr)
    {
        PendingCall? call;
        WorkerState was;
        KillReason reason;
        List<PendingCall>? failQueued = null;
        WorkerStartException? startError = null;
        Exception? queuedError = null;
        bool spawn = false;
        bool retry = false;
        bool requeuedWaiting = false;
        lock (_scheduler.Gate)
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
                PoolMetrics.BusyWorkers.Add(-1, _scheduler.PoolTag);
            }

            if (was == WorkerState.Starting && reason is KillReason.None && IsKilledFromOutside(worker, error, exit))
            {
                // Killed while starting (an OOM killer, a supervisor): not a fault of the configuration, so it neither
                // counts towards giving up nor fails the calls waiting for a worker. A replacement starts below.
                LogWorkerKilledWhileStarting(_logger, worker.ProcessId, exit.Signal ?? 0, _options.Name);
            }
            else if (was == WorkerState.Starting && reason is KillReason.None or KillReason.StartTimeout or KillReason.ProtocolError)
            {
                _startFailuresInARow++;
                startError = StartFailure(worker, error, reason, exit, stderr);
                _lastStartError = startError;
                bool anyReady = false;
                foreach (WorkerProcess other in _workers)
                {
                    anyReady |= other.State is WorkerState.Idle or WorkerState.Busy;
                }

                if (!anyReady)
                {
                    // Nobody can run the queued calls: fail them now rather than let them wait for ever.
                    failQueued = _scheduler.DrainQueue();
                    queuedError = startError;
                }
            }

            if (call is not null && !call.IsCompleted)
            {
                // A crash or a broken protocol may be retried; a kill the pool decided (timeout, cancel) may not.
                retry = _scheduler.RequeueAfterLoss(call, retryable: reason is KillReason.None or KillReason.ProtocolError);
            }

            // A pipelined call never started (the worker answers in order, and every answer it wrote was read before
            // its loss is seen): it goes back to the queue whatever the reason, and it is not an attempt.
            if (worker.Next is PendingCall waiting)
            {
                worker.Next = null;
                if (waiting.IsCompleted)
                {
                    waiting.State = CallState.Done;
                }
                else
                {
                    waiting.Delivered = false;
                    requeuedWaiting = _scheduler.RequeueAfterLoss(waiting, retryable: false);
                }
            }

            if (reason is not (KillReason.Recycled or KillReason.Shutdown or KillReason.Terminated))
            {
                RecordCrash();
            }

            // While disposing, a replacement still starts for queued calls: DisposeAsync promises to complete them.
            bool wanted = _scheduler.Queued > 0 || (!_scheduler.IsDraining && was is WorkerState.Idle or WorkerState.Busy);
            if (!_terminated && wanted && _live < _options.Workers && _startFailuresInARow < 3)
            {
                _live++;
                spawn = true;
            }
            else if (_scheduler.Queued > 0 && !AnyWorkerCanRunCalls())
            {
                // The last worker is gone and no replacement starts (starts failed 3 times in a row): the queued calls
                // would wait for a call that may never come to restart the pool. Fail them with the start failure.
                (failQueued ??= []).AddRange(_scheduler.DrainQueue());
                queuedError ??= _lastStartError ?? new WorkerStartException("No worker is running and none could be started.");
            }

            _scheduler.CheckDrained();
        }

        if (reason is not (KillReason.Recycled or KillReason.Shutdown or KillReason.Terminated))
        {
            PoolMetrics.WorkerCrashes.Add(1, _scheduler.PoolTag);
            LogWorkerLost(_logger, worker.ProcessId, reason == KillReason.None ? "exited" : reason.ToString(), exit.ExitCode, exit.Signal, call?.Method.Name, _options.Name);
        }

        if (startError is not null)
        {
            LogStartFailed(_logger, startError, _options.Name);
            worker.Ready.TrySetException(startError);
        }
        else
        {
            worker.Ready.TrySetResult();
        }

        if (call is not null && !retry && !call.IsCompleted)
        {
            if (reason is KillReason.Timeout or KillReason.Canceled or KillReason.Terminated)
            {
                // Normally failed already when the kill was decided; this covers a call the race left open.
                FailKilledCall(worker, call, reason);
            }
            else
            {
                _scheduler.Fail(call, (Exception?)startError ?? CrashException(worker, call, error, exit, stderr));
            }
        }

        if (failQueued is not null)
        {
            foreach (PendingCall queued in failQueued)
            {
                _scheduler.Fail(queued, queuedError!);
            }
        }

        if (retry || requeuedWaiting)
        {
            // The calls sent back to the queue (the lost worker's current and pipelined ones) go to idle workers now.
            var resend = new List<(WorkerProcess Worker, PendingCall Call)>();
            lock (_scheduler.Gate)
            {
                while (TakeIdle() is WorkerProcess idle)
                {
                    if (_scheduler.DequeueLive() is not PendingCall next)
                    {
                        _idle.Add(idle);
                        break;
                    }

                    Assign(idle, next);
                    resend.Add((idle, next));
                }
            }

            foreach ((WorkerProcess idle, PendingCall next) in resend)
            {
                Send(idle, next);
            }
        }

        if (spawn)
        {
            SpawnWorker();
        }
    }

    /// <summary>Whether a worker is left that runs or may run calls (one being killed counts: its own loss decides again). Under the lock.</summary>
    private bool AnyWorkerCanRunCalls()
    {
        foreach (WorkerProcess worker in _workers)
        {
            if (worker.State is WorkerState.Starting or WorkerState.Idle or WorkerState.Busy)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a worker that died while starting was killed by a signal someone else sent (SIGKILL, SIGTERM,
    /// SIGINT, SIGHUP), rather than failing by itself (an exit code, a crash such as SIGABRT, a reported error).</summary>
    private static bool IsKilledFromOutside(WorkerProcess worker, Exception? error, ChildExit exit)
        => error is null && worker.StartError is null && exit.Signal is 1 or 2 or 9 or 15;

    private static WorkerCrashedException CrashException(WorkerProcess worker, PendingCall call, Exception? protocolError, ChildExit exit, string[] stderr)
    {
        string head = protocolError is not null
            ? $"Worker process {worker.ProcessId} broke the protocol while running {call.Method.Name}: {protocolError.Message}"
            : $"Worker process {worker.ProcessId} exited while running {call.Method.Name}.";
        return new WorkerCrashedException(WorkerCrashedException.Describe(head, exit.ExitCode, exit.Signal, stderr), protocolError)
        {
            ExitCode = exit.ExitCode,
            Signal = exit.Signal,
            ProcessId = worker.ProcessId,
            MethodName = call.Method.Name,
            StandardErrorTail = stderr,
        };
    }

    private WorkerStartException StartFailure(WorkerProcess worker, Exception? error, KillReason reason, ChildExit exit, string[] stderr)
    {
        if (error is WorkerStartException start)
        {
            return start;
        }

        // A self-launched worker that never answers or exits early is most likely the app's Main running without the guard.
        string selfHint = _launch?.IsSelf == true
            ? " This app starts itself as its workers (self-contained, single-file or AOT): its Main must begin with `if (WorkerHost.TryRunAsWorker(args)) return;`."
            : string.Empty;
        string head = worker.StartError is not null
            ? $"Worker process {worker.ProcessId} failed to start: {worker.StartError.Message}"
            : reason == KillReason.StartTimeout
                ? $"Worker process {worker.ProcessId} did not become ready within {_options.WorkerStartTimeout} (WorkerPoolOptions.WorkerStartTimeout).{selfHint}"
                : error is not null
                    ? $"Worker process {worker.ProcessId} failed to start: {error.Message}"
                    : exit.ExitCode == ProtocolConstants.MissingGuardExitCode
                        ? $"Worker process {worker.ProcessId} is this app started again, and its Main ran instead of the worker: a self-contained, single-file or Native AOT app must begin Main with `if (WorkerHost.TryRunAsWorker(args)) return;`."
                        : $"Worker process {worker.ProcessId} exited before it was ready.{selfHint}";
        return new WorkerStartException(WorkerCrashedException.Describe(head, exit.ExitCode, exit.Signal, stderr), worker.StartError ?? error)
        {
            StandardErrorTail = stderr,
        };
    }
}
