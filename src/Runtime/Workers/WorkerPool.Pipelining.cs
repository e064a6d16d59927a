using System.Diagnostics;
using Forklift.Dispatch;
using Forklift.Workers;

namespace Forklift;

/// <content>Map pipelining: a second batch waits in a busy worker's pipe, so the worker starts it the moment it has
/// answered the first instead of idling one round trip while the pool hears the answer and sends the next one.</content>
/// <remarks>
/// <para>Only batches (map chunks) are pipelined. A single call behind another would wait for a call of unknown
/// length while another worker may free up; a chunk waits behind a sibling chunk of about the same length.</para>
/// <para>A pipelined call (<see cref="WorkerProcess.Next"/>) has not started: it gets its deadline only when it becomes
/// the worker's <see cref="WorkerProcess.Current"/> (when the worker answers the call before it, since the worker runs
/// requests one after the other in the order written), and if the worker is lost it goes back to the queue without
/// counting as an attempt: every response the worker wrote was read before its loss is seen, so a call behind an
/// unanswered one never ran.</para>
/// <para>Requests reach a worker in the order the pool assigns them: a call is pipelined only behind one already
/// written (<see cref="PendingCall.Written"/>), so at most one call per worker is being written at any time.</para>
/// </remarks>
public sealed partial class WorkerPool
{
    /// <summary>How many calls wait in workers' pipes now: tests wait for a pipelined state instead of hoping for it.</summary>
    internal int PipelinedCalls
    {
        get
        {
            lock (_scheduler.Gate)
            {
                int count = 0;
                foreach (WorkerProcess worker in _workers)
                {
                    count += worker.Next is null ? 0 : 1;
                }

                return count;
            }
        }
    }

    /// <summary>Each worker's state and its running and pipelined request ids, for a test's failure message.</summary>
    internal string DescribeWorkers()
    {
        lock (_scheduler.Gate)
        {
            var text = new System.Text.StringBuilder($"queued {_scheduler.Queued}, live {_live}, idle {_idle.Count}:");
            foreach (WorkerProcess worker in _workers)
            {
                text.Append($" [{worker.ProcessId} {worker.State} {worker.Reason} current {worker.Current?.RequestId}/{worker.Current?.Written} next {worker.Next?.RequestId}]");
            }

            return text.ToString();
        }
    }

    /// <summary>Assigns the next queued batch to <paramref name="worker"/>'s pipe if that is worth it, and returns it for
    /// the caller to <see cref="Send"/>; otherwise <see langword="null"/>. Under the lock.</summary>
    private PendingCall? TakePipelined(WorkerProcess worker)
    {
        if (!_options.PipelineChunks || worker.Next is not null || worker.State != WorkerState.Busy || worker.Reason != KillReason.None || worker.RetireAfterCurrent)
        {
            return null;
        }

        if (worker.Current is not { IsBatch: true, Written: true })
        {
            return null;
        }

        // Due for recycling after the current call: the pipelined one would run on a worker about to shut down.
        if (_options.MaxTasksPerWorker is int maxCalls && worker.CallsDone + 2 > maxCalls)
        {
            return null;
        }

        // An idle worker takes the queue's head at once; and near the end of a map (fewer queued calls than workers)
        // the last chunks go to whichever worker frees first, not behind a running chunk.
        if (_idle.Count > 0 || _scheduler.Queued < _live)
        {
            return null;
        }

        if (_scheduler.PeekLive() is not { IsBatch: true })
        {
            return null;
        }

        PendingCall next = _scheduler.DequeueLive()!;
        next.State = CallState.Running;
        next.Worker = worker;
        next.RequestId = ++_nextRequestId;
        next.Written = false;
        worker.Next = next;
        next.Activity?.SetTag(ForkliftActivitySource.WorkerPidTag, worker.ProcessId);
        return next;
    }

    /// <summary>The worker answered its current call and has <see cref="WorkerProcess.Next"/> in its pipe: that call is
    /// running now, and its timeout starts now. Under the lock.</summary>
    private void PromoteNext(WorkerProcess worker)
    {
        PendingCall next = worker.Next!;
        worker.Next = null;
        worker.Current = next;
        PoolMetrics.BusyWorkers.Add(1, _scheduler.PoolTag);
        worker.CallDeadline = _scheduler.ItemDeadline(next);

        // Cancelled while it waited in the pipe (its caller already has the outcome): the worker runs it anyway unless
        // the forwarded cancel reached it first, so it is treated as a running call that was cancelled.
        worker.CancelDeadline = next.IsCompleted
            ? Stopwatch.GetTimestamp() + (long)(_options.CancellationGracePeriod.TotalSeconds * Stopwatch.Frequency)
            : long.MaxValue;
    }

    /// <summary>A batch was just queued while every worker is busy: gives the queue's head to a busy worker's pipe if
    /// one has room, and returns that worker and call for the caller to send. Under the lock.</summary>
    private (WorkerProcess? Worker, PendingCall? Call) PipelineQueued()
    {
        foreach (WorkerProcess worker in _workers)
        {
            if (TakePipelined(worker) is PendingCall next)
            {
                return (worker, next);
            }
        }

        return (null, null);
    }
}
