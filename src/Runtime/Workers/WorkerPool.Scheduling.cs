using System.Collections.Concurrent;
using System.Diagnostics;
using Forklift.Dispatch;
using Forklift.Workers;

namespace Forklift;

/// <content>Scheduling over worker processes: the workers' state, handing a call to a worker, and cancelling a call. The queue,
/// the retry rule, deadlines and completion are the <see cref="ChannelScheduler"/>'s, whose lock guards this state too.</content>
public sealed partial class WorkerPool
{
    private const int WatchdogPeriod = 50;

    // Method handles are per process, so every worker of every pool agrees on them.
    private static readonly ConcurrentDictionary<ParallelMethod, int> Handles = new(ReferenceEqualityComparer.Instance);
    private static int s_nextHandle = -1;

    // The queue, the retry rule, deadlines and completion; its lock also guards the workers' state below.
    private readonly ChannelScheduler _scheduler;
    private readonly List<WorkerProcess> _idle = [];
    private readonly List<WorkerProcess> _workers = [];
    private readonly Dictionary<string, string?> _environment;
    private readonly Timer? _watchdog;

    // Handed to each worker in its environment and checked on the first frame: a worker serves only the pool that started it.
    private readonly string _secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    private WorkerLaunch? _launch;
    private int _live;
    private long _nextRequestId;
    private int _startFailuresInARow;
    private WorkerStartException? _lastStartError;
    private bool _terminated;

    private static readonly Action<object?> OnCanceledCallback = static state =>
    {
        var call = (PendingCall)state!;
        call.Pool!.OnCallCanceled(call);
    };

    /// <summary>Queues <paramref name="call"/> or gives it to an idle worker and sends it.</summary>
    /// <param name="call">The call.</param>
    /// <param name="lead">Whether this thread may read the call's answer itself if it gets an idle worker (nothing of
    /// the call needs the reading thread meanwhile): until the answer comes (<see cref="Invoke"/>, see
    /// <see cref="LeadCall"/>), or for a short window if the worker answers quickly (<see cref="InvokeAsync"/>, see
    /// <see cref="LeadBriefly"/>).</param>
    private void Submit(PendingCall call, CallerLead lead = CallerLead.No)
    {
        call.Pool = this;
        ThrowIfDisposing();
        if (Activity.Current is not null || ForkliftActivitySource.Source.HasListeners())
        {
            Activity? previous = Activity.Current;
            call.Activity = ForkliftActivitySource.Source.StartActivity(call.Method.Name, ActivityKind.Client);
            if (call.Activity is { IsAllDataRequested: true } started)
            {
                started.SetTag(ForkliftActivitySource.MethodTag, call.Method.Name);
                started.SetTag(ForkliftActivitySource.MethodIdTag, call.Method.Id);
                started.SetTag(ForkliftActivitySource.PoolNameTag, _options.Name);
            }

            Activity? context = call.Activity ?? previous;
            call.TraceParent = context?.Id;
            call.TraceState = context?.TraceStateString;

            // The caller's flow keeps its own current activity; ours ends when the call does.
            Activity.Current = previous;
        }

        WorkerProcess? worker = null;
        PendingCall? send = call;
        bool spawn = false;
        lock (_scheduler.Gate)
        {
            ThrowIfDisposing();
            _scheduler.Admit();
            worker = TakeIdle();
            if (worker is not null)
            {
                Assign(worker, call);
            }
            else
            {
                _scheduler.Enqueue(call);
                if (_live < _options.Workers)
                {
                    _live++;
                    spawn = true;
                }
                else if (call.IsBatch)
                {
                    // Every worker is busy: the queue's head (this batch or an earlier one) may wait in a busy worker's
                    // pipe instead of in the queue.
                    (worker, send) = PipelineQueued();
                }
            }
        }

        PoolMetrics.CallsStarted.Add(1, new KeyValuePair<string, object?>("method", call.Method.Name), _scheduler.PoolTag);
        if (call.CancellationToken.CanBeCanceled)
        {
            call.Registration = call.CancellationToken.UnsafeRegister(OnCanceledCallback, call);
        }

        if (worker is not null)
        {
            if (lead == CallerLead.UntilAnswered && send == call && worker.TryLead())
            {
                LeadCall(worker, call);
            }
            else if (lead == CallerLead.Briefly && CanWaitBriefly && send == call && AwaitedAnswerWindow > 0 && worker.ShouldWaitForAnswer() && worker.TryLead())
            {
                LeadBriefly(worker, call);
            }
            else
            {
                // The call itself, or (pipelined behind a busy worker's chunk) the queue's head.
                send!.SendFromCaller(worker);
            }
        }

        if (spawn)
        {
            SpawnWorker();
        }
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
        call.Written = false;
        worker.Current = call;
        worker.State = WorkerState.Busy;
        worker.CancelDeadline = long.MaxValue;
        worker.CallDeadline = _scheduler.ItemDeadline(call);
        PoolMetrics.BusyWorkers.Add(1, _scheduler.PoolTag);

        // The last worker wins when a call is retried: the span names the process that gave the outcome.
        call.Activity?.SetTag(ForkliftActivitySource.WorkerPidTag, worker.ProcessId);
    }

    /// <summary>Encodes and writes <paramref name="call"/>'s request; on an encoding error fails it and moves on to the
    /// next queued call. Runs on the caller's thread or the thread pool for a new call (see <see cref="PendingCall.SendFromCaller"/>) and on
    /// a worker's reading thread for a queued one.</summary>
    internal void Send(WorkerProcess worker, PendingCall call)
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
                lock (_scheduler.Gate)
                {
                    if (worker.Current == call || worker.Next == call)
                    {
                        call.Delivered = false;
                    }
                }

                return;
            }

            PendingCall? next;
            bool wasNext;
            if (encodeError is null)
            {
                lock (_scheduler.Gate)
                {
                    call.Written = true;
                    next = worker.Current == call ? TakePipelined(worker) : null;
                }

                // Written to a busy worker, possibly larger than the pipe's buffer: never on a worker's reading thread,
                // which must stay free to read the answers the busy worker writes meanwhile.
                next?.SendOnThreadPool(worker);
                return;
            }

            _scheduler.Fail(call, encodeError);
            lock (_scheduler.Gate)
            {
                // A pipelined call that could not be encoded leaves the pipe empty; the worker goes on with its current call.
                wasNext = worker.Next == call;
                if (wasNext)
                {
                    worker.Next = null;
                }

                next = wasNext ? TakePipelined(worker) : null;
            }

            if (wasNext)
            {
                next?.SendOnThreadPool(worker);
                return;
            }

            next = ReleaseWorker(worker, workingSet: 0, out bool spawn);
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

    private void OnCallCanceled(PendingCall call)
    {
        bool cancelNow = false;
        WorkerProcess? forwardTo = null;
        lock (_scheduler.Gate)
        {
            if (call.IsCompleted)
            {
                return;
            }

            if (_scheduler.Unqueue(call))
            {
                // It stays in the queue object but is skipped; the count dropped now.
                cancelNow = true;
            }
            else if (call.State == CallState.Running && call.Worker is WorkerProcess waiting && waiting.Next == call)
            {
                // Pipelined, not started: it ends now. The worker still reads it; the forwarded cancel makes the worker
                // skip it if it arrives first, otherwise it runs as an abandoned call (see PromoteNext).
                cancelNow = true;
                forwardTo = waiting;
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
            _scheduler.Cancel(call);
        }

        forwardTo?.SendCancel(call.RequestId);
    }
}
