using System.Diagnostics;
using System.Reflection;
using Forklift.Dispatch;
using Forklift.Transport;
using Forklift.Workers;

namespace Forklift;

/// <content>Worker life cycle: start, ready, reuse or recycle after each call, the watchdog, and stop.</content>
public sealed partial class WorkerPool
{
    private void SpawnWorker()
    {
        var worker = new WorkerProcess(this, _options.MaxMessageBytes);
        lock (_scheduler.Gate)
        {
            worker.State = WorkerState.Starting;
            worker.StartDeadline = Stopwatch.GetTimestamp() + (long)(_options.WorkerStartTimeout.TotalSeconds * Stopwatch.Frequency);
            _workers.Add(worker);
        }

        try
        {
            _launch ??= WorkerLaunch.Resolve();
            WorkerLaunch launch = _options.LaunchOverride is { } change ? change(_launch) : _launch;
            worker.Start(launch, _environment, RegisteredAssemblies(), _options.MaxWorkerMemory is not null, _secret);
            PoolMetrics.WorkerStarts.Add(1, _scheduler.PoolTag);
            LogWorkerStarted(_logger, worker.ProcessId, _options.Name);
        }
        catch (Exception e)
        {
            var error = e as WorkerStartException ?? new WorkerStartException($"Could not start a worker process: {e.Message}", e);
            WorkerLost(worker, error, ChildExit.Unknown, stderr: []);
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

    internal void OnWorkerReady(WorkerProcess worker)
    {
        PendingCall? next = null;
        lock (_scheduler.Gate)
        {
            // A worker the watchdog or Terminate is killing gets no call: its loss would be blamed on that call.
            if (worker.State != WorkerState.Starting || worker.Reason != KillReason.None)
            {
                return;
            }

            _startFailuresInARow = 0;
            next = _scheduler.DequeueLive();
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

    /// <summary>The worker finished its call. Returns the call to send it next (already assigned), or parks it idle or
    /// retires it. A call pipelined behind the finished one becomes the current call (and is not returned: it was sent,
    /// or its sender is about to), and the next queued batch is sent on the thread pool to wait behind it.</summary>
    private PendingCall? ReleaseWorker(WorkerProcess worker, long workingSet, out bool spawn)
    {
        spawn = false;
        bool retire = false;
        PendingCall? next = null;
        PendingCall? pipelined = null;
        lock (_scheduler.Gate)
        {
            if (worker.Current is not null)
            {
                worker.Current.State = CallState.Done;
                worker.Current = null;
                PoolMetrics.BusyWorkers.Add(-1, _scheduler.PoolTag);
            }

            worker.CallsDone++;

            // A worker being killed (its call timed out or was cancelled just as it answered, or the pool was
            // terminated) gets no next call: the kill would fail that call with the previous call's timeout or
            // cancellation. Its loss starts the replacement.
            if (worker.State != WorkerState.Busy || worker.Reason != KillReason.None)
            {
                return null;
            }

            retire = worker.RetireAfterCurrent
                || (_options.MaxTasksPerWorker is int maxCalls && worker.CallsDone >= maxCalls)
                || (_options.MaxWorkerMemory is long maxMemory && workingSet > maxMemory);
            if (worker.Next is not null)
            {
                // The next call is already in the worker's pipe and runs now; a due recycle waits until it is answered.
                worker.RetireAfterCurrent |= retire;
                retire = false;
                PromoteNext(worker);
                pipelined = worker.Current!.Written ? TakePipelined(worker) : null;
            }
            else if (retire)
            {
                worker.State = WorkerState.Retiring;
                worker.Reason = KillReason.Recycled;
                _live--;
                if (_scheduler.Queued > 0 || (!_scheduler.IsDraining && _live < _options.Workers))
                {
                    _live++;
                    spawn = true;
                }
            }
            else
            {
                next = _scheduler.DequeueLive();
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

        // Written to a busy worker: never on this (reading) thread, see Send.
        pipelined?.SendOnThreadPool(worker);
        if (retire)
        {
            PoolMetrics.WorkerRecycles.Add(1, _scheduler.PoolTag);
            LogWorkerRecycled(_logger, worker.ProcessId, worker.CallsDone, _options.Name);
            worker.SendShutdown();
        }

        return next;
    }

    private void OnWatchdog()
    {
        List<(WorkerProcess Worker, PendingCall? Call)>? kill = null;
        long now = Stopwatch.GetTimestamp();
        lock (_scheduler.Gate)
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
                    (kill ??= []).Add((worker, worker.Current));
                }
            }
        }

        if (kill is not null)
        {
            foreach ((WorkerProcess worker, PendingCall? call) in kill)
            {
                // The call fails now, not when the worker's exit is seen: that waits for the kernel, and (where
                // descriptors are inherited) for any process the worker started. The worker gets no other call; its
                // loss, when seen, starts the replacement.
                if (call is not null)
                {
                    FailKilledCall(worker, call, worker.Reason);
                }

                worker.Kill();
            }
        }
    }

    /// <summary>Fails the call of a worker the pool is killing, for the reason it kills it.</summary>
    private void FailKilledCall(WorkerProcess worker, PendingCall call, KillReason reason)
    {
        switch (reason)
        {
            case KillReason.Timeout:
                TimeSpan timeout = _scheduler.TimeLimitOf(call) ?? TimeSpan.Zero;
                string what = call.IsBatch && call.TimeoutOverride is null ? $"An input of {call.Method.Name}" : call.Method.Name;
                _scheduler.Fail(call, new WorkerTimeoutException($"{what} did not complete within {timeout}; its worker (process {worker.ProcessId}) was killed.")
                {
                    MethodName = call.Method.Name,
                    Timeout = timeout,
                });
                break;
            case KillReason.Canceled:
                _scheduler.Cancel(call);
                break;
            case KillReason.Terminated:
                _scheduler.Fail(call, new ObjectDisposedException(nameof(WorkerPool), "The pool was terminated while this call ran."));
                break;
        }
    }

    private async Task StopWorkersAsync()
    {
        List<WorkerProcess> workers;
        lock (_scheduler.Gate)
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
            if (worker.Child is ChildProcess child)
            {
                try
                {
                    await child.Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    worker.Kill();
                }
            }
        }

        _watchdog?.Dispose();
    }
}
