using System.Diagnostics;
using Forklift.Workers;

namespace Forklift;

/// <content>A lost worker: how the way a worker ended decides what happens to its call, the queue and the pool.</content>
public sealed partial class WorkerPool
{
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
        WorkerStartException? startError = null;
        Exception? queuedError = null;
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
                PoolMetrics.BusyWorkers.Add(-1, _poolTag);
            }

            if (was == WorkerState.Starting && reason is KillReason.None or KillReason.StartTimeout or KillReason.ProtocolError)
            {
                _startFailuresInARow++;
                startError = StartFailure(worker, error, reason, exitCode, stderr);
                _lastStartError = startError;
                bool anyReady = false;
                foreach (WorkerProcess other in _workers)
                {
                    anyReady |= other.State is WorkerState.Idle or WorkerState.Busy;
                }

                if (!anyReady)
                {
                    // Nobody can run the queued calls: fail them now rather than let them wait for ever.
                    failQueued = DrainQueue();
                    queuedError = startError;
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

            if (reason is not (KillReason.Recycled or KillReason.Shutdown or KillReason.Terminated))
            {
                RecordCrash();
            }

            // While disposing, a replacement still starts for queued calls: DisposeAsync promises to complete them.
            bool wanted = _queued > 0 || (!_disposing && was is WorkerState.Idle or WorkerState.Busy);
            if (!_terminated && wanted && _live < _options.Workers && _startFailuresInARow < 3)
            {
                _live++;
                spawn = true;
            }
            else if (_queued > 0 && !AnyWorkerCanRunCalls())
            {
                // The last worker is gone and no replacement starts (starts failed 3 times in a row): the queued calls
                // would wait for a call that may never come to restart the pool. Fail them with the start failure.
                (failQueued ??= []).AddRange(DrainQueue());
                queuedError ??= _lastStartError ?? new WorkerStartException("No worker is running and none could be started.");
            }

            CheckDrained();
        }

        if (reason is not (KillReason.Recycled or KillReason.Shutdown or KillReason.Terminated))
        {
            PoolMetrics.WorkerCrashes.Add(1, _poolTag);
            LogWorkerLost(_logger, worker.ProcessId, reason == KillReason.None ? "exited" : reason.ToString(), exitCode, call?.Method.Name, _options.Name);
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
            switch (reason)
            {
                case KillReason.Timeout:
                    TimeSpan timeout = call.TimeLimit(_options.TaskTimeout) ?? TimeSpan.Zero;
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
                    Fail(call, (Exception?)startError ?? CrashException(worker, call, error, exitCode, stderr));
                    break;
            }
        }

        if (failQueued is not null)
        {
            foreach (PendingCall queued in failQueued)
            {
                Fail(queued, queuedError!);
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
}
