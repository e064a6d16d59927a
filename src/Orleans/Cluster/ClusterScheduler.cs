using System.Diagnostics;
using Forklift.Orleans.Protocol;
using Forklift.Workers;
using Microsoft.Extensions.Logging;

namespace Forklift.Orleans.Cluster;

/// <summary>
/// Forklift's scheduler over remote slots: one FIFO queue of calls, handed to the node with the fewest calls in flight
/// among those with a free slot (slots = node × capacity). It watches membership, pings nodes, checks their build,
/// fails or retries the calls of a lost node, enforces deadlines and leases, and drains stopping nodes.
/// </summary>
/// <remarks>
/// <para>The queue, the retry rule and completion (with the pool's metrics and drain accounting) are the runtime's
/// <see cref="ChannelScheduler"/>, as in the local <see cref="WorkerPool"/>; this class adds what is particular to
/// remote slots: membership, pings, build checks, leases, the deadline backstop, and the transport. All scheduling
/// state is guarded by the channel scheduler's lock; transport calls and completions run outside it.</para>
/// <para>Retry rules, as in the local pool: a call that provably never reached a node goes back to the front of the
/// queue without counting; a call that may have run (its node was lost, or lost its response) is retried only while
/// <see cref="Dispatch.ParallelMethodOptions.MaxRetries"/> allows, and otherwise fails with <see cref="NodeLostException"/>.</para>
/// <para>Leases: every ping returns the ids of the calls the node is running. A call sent before two pings in a row that
/// did not list it, for at least <see cref="ForkliftClusterOptions.PingTimeout"/> × <see cref="ForkliftClusterOptions.MissedPingsLimit"/>
/// (what a silent node is given: a request in transit or an answer on its way back is missing from the list too), has
/// lost its response (the node finished or never saw it), so it is treated as lost. Together with
/// the deadline backstop this bounds every call even when Orleans never reports the response as failed.</para>
/// </remarks>
internal sealed partial class ClusterScheduler : IAsyncDisposable
{
    private const int LeaseMissesLimit = 2;

    /// <summary>How long a call may be missing from a node's running list before it is lost: what a silent node gets.</summary>
    private TimeSpan LeaseGrace => _options.PingTimeout * _options.MissedPingsLimit;

    /// <summary>The name of the cluster pool in Forklift's metrics (<c>forklift.pool.name</c>).</summary>
    internal const string PoolName = "cluster";

    private readonly ChannelScheduler _scheduler;
    private readonly object _gate;
    private readonly Dictionary<string, NodeSlot> _nodes = new(StringComparer.Ordinal);
    private readonly List<string> _required = ["Forklift", "Forklift.Orleans"];
    private readonly Dictionary<string, string?> _localFingerprints = new(StringComparer.Ordinal);
    private readonly INodeTransport _transport;
    private readonly ForkliftClusterOptions _options;
    private readonly BuildFingerprint _fingerprint;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _monitor;

    public ClusterScheduler(INodeTransport transport, ForkliftClusterOptions options, BuildFingerprint fingerprint, ILogger logger)
    {
        options.Validate();
        _scheduler = new ChannelScheduler(PoolName, options.TaskTimeout);
        _gate = _scheduler.Gate;
        _transport = transport;
        _options = options;
        _fingerprint = fingerprint;
        _logger = logger;
        foreach (string assembly in _required)
        {
            _localFingerprints[assembly] = fingerprint.Of(assembly);
        }
    }

    /// <summary>Starts watching the cluster. Idempotent.</summary>
    public void Start()
    {
        lock (_gate)
        {
            _monitor ??= Task.Run(() => MonitorAsync(_stopping.Token));
        }
    }

    /// <summary>Slots of the nodes that take calls now (at least 1, for chunk sizing before any node joined).</summary>
    public int ActiveSlots
    {
        get
        {
            lock (_gate)
            {
                int slots = 0;
                foreach (NodeSlot node in _nodes.Values)
                {
                    if (node.State == NodeState.Active)
                    {
                        slots += node.Capacity;
                    }
                }

                return Math.Max(slots, 1);
            }
        }
    }

    /// <summary>A snapshot of the nodes, for status pages and tests.</summary>
    public IReadOnlyList<ClusterNodeStatus> Nodes
    {
        get
        {
            lock (_gate)
            {
                var nodes = new List<ClusterNodeStatus>(_nodes.Count);
                foreach (NodeSlot node in _nodes.Values)
                {
                    nodes.Add(new ClusterNodeStatus(node.Id, node.State.ToString(), node.Capacity, node.Running.Count, node.Problem));
                }

                nodes.Sort((a, b) => string.CompareOrdinal(a.Node, b.Node));
                return nodes;
            }
        }
    }

    public void ThrowIfDisposed()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_scheduler.IsDraining, typeof(ClusterWorkerPool));
        }
    }

    public Task<byte[]> Submit(ClusterCall call)
    {
        if (Activity.Current is Activity activity)
        {
            call.TraceParent = activity.Id;
            call.TraceState = activity.TraceStateString;
        }

        bool newAssembly;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_scheduler.IsDraining, typeof(ClusterWorkerPool));
            _scheduler.Admit();
            newAssembly = Require(call.Assembly);
            _scheduler.Enqueue(call);
        }

        PoolMetrics.CallsStarted.Add(1, new KeyValuePair<string, object?>("method", call.Method.Name), _scheduler.PoolTag);

        if (newAssembly)
        {
            // Every node must be checked against this assembly's build before it gets one of its calls.
            PingAll();
        }

        call.Scheduler = this;
        if (call.CancellationToken.CanBeCanceled)
        {
            call.Registration = call.CancellationToken.UnsafeRegister(static state => ((ClusterCall)state!).Scheduler!.OnCanceled((ClusterCall)state!), call);
        }

        Start();
        DispatchQueued();
        return call.Task;
    }

    public async ValueTask DisposeAsync()
    {
        Task drained;
        lock (_gate)
        {
            drained = _scheduler.BeginDrain();
        }

        await drained.ConfigureAwait(false);
        Task? monitor;
        lock (_gate)
        {
            // Idempotent: the pool may be disposed by its owner and again by the DI container.
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            monitor = _monitor;
        }

        if (monitor is not null)
        {
            await monitor.ConfigureAwait(false);
        }
    }

    /// <summary>Adds an assembly to those nodes are checked against; true when it was new. Under the lock.</summary>
    private bool Require(string assembly)
    {
        if (_localFingerprints.ContainsKey(assembly))
        {
            return false;
        }

        _localFingerprints[assembly] = _fingerprint.Of(assembly);
        _required.Add(assembly);
        return true;
    }

    /// <summary>Hands queued calls to free slots, oldest first.</summary>
    private void DispatchQueued()
    {
        List<(ClusterCall Call, NodeSlot Node, NodeRequest Request, int Dispatch, CancellationToken Abort)>? sends = null;
        lock (_gate)
        {
            // A node first, so that no call leaves the queue without one; cancelled calls drop out in DequeueLive.
            while (PickNode() is NodeSlot node && _scheduler.DequeueLive() is ClusterCall call)
            {
                sends ??= [];
                sends.Add(Assign(call, node));
            }
        }

        if (sends is null)
        {
            return;
        }

        foreach ((ClusterCall call, NodeSlot node, NodeRequest request, int dispatch, CancellationToken abort) in sends)
        {
            _ = RunAttemptAsync(call, node, request, dispatch, abort);
        }
    }

    /// <summary>The usable node with the fewest calls in flight and a free slot. Under the lock.</summary>
    private NodeSlot? PickNode()
    {
        NodeSlot? best = null;
        foreach (NodeSlot node in _nodes.Values)
        {
            if (node.State == NodeState.Active && node.Verified == _required.Count && node.Running.Count < node.Capacity
                && (best is null || node.Running.Count < best.Running.Count))
            {
                best = node;
            }
        }

        return best;
    }

    private (ClusterCall, NodeSlot, NodeRequest, int, CancellationToken) Assign(ClusterCall call, NodeSlot node)
    {
        long now = Stopwatch.GetTimestamp();
        call.State = CallState.Running;

        // From here a lost answer means the call may have run; a transport that proves it never arrived clears it.
        call.Delivered = true;
        call.Node = node;
        call.Dispatch++;
        call.SentAt = now;
        call.LeaseMisses = 0;
        call.LeaseMissedSince = 0;
        call.Abort?.Dispose();
        call.Abort = new CancellationTokenSource();
        node.Running[call.Id] = call;
        // The node times each input of a chunk on its own, as a local map does; the caller only backs that up for a node
        // that never answers: every input at its limit, plus the interval at which a worker reports inputs done.
        TimeSpan? limit = call.Method.Options.Timeout ?? _options.TaskTimeout;
        call.GiveUpAt = limit is TimeSpan t ? now + ToTicks(BackstopOf(call, t) + _options.DeadlineGrace) : long.MaxValue;
        var request = new NodeRequest
        {
            CallId = call.Id,
            MethodId = call.Method.Id,
            Assembly = call.Assembly,
            Arguments = call.Arguments,
            IsBatch = call.IsBatch,
            FirstIndex = call.FirstIndex,
            TimeLimitTicks = limit?.Ticks ?? 0,
            Attempt = call.Dispatch - 1,
            TraceParent = call.TraceParent,
            TraceState = call.TraceState,
        };
        return (call, node, request, call.Dispatch, call.Abort.Token);
    }

    private async Task RunAttemptAsync(ClusterCall call, NodeSlot node, NodeRequest request, int dispatch, CancellationToken abort)
    {
        byte[]? envelope = null;
        Exception? error = null;
        try
        {
            envelope = await _transport.InvokeAsync(node.Id, request, call.Progress, abort).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error = e;
        }

        OnAttemptEnded(call, node, dispatch, envelope, error);
        DispatchQueued();
    }

    private void OnAttemptEnded(ClusterCall call, NodeSlot node, int dispatch, byte[]? envelope, Exception? error)
    {
        lock (_gate)
        {
            if (call.Dispatch != dispatch || !node.Running.Remove(call.Id))
            {
                // A node loss, a lease or a deadline already dealt with this attempt.
                return;
            }

            call.Node = null;
        }

        if (call.IsCompleted)
        {
            return;
        }

        if (envelope is not null)
        {
            switch (Envelope.Status(envelope))
            {
                case EnvelopeStatus.Ok:
                    Succeed(call, Envelope.Body(envelope));
                    return;
                case EnvelopeStatus.Error:
                    Exception failure = CallErrorCodec.Decode(Envelope.Body(envelope));
                    if (failure is OperationCanceledException && call.CancellationToken.IsCancellationRequested)
                    {
                        _scheduler.Cancel(call);
                    }
                    else
                    {
                        _scheduler.Fail(call, failure);
                    }

                    return;
                case EnvelopeStatus.NotAccepted:
                    string reason = System.Text.Encoding.UTF8.GetString(Envelope.Body(envelope));
                    LogNotAccepted(_logger, node.Id, reason);
                    lock (_gate)
                    {
                        if (node.State == NodeState.Active)
                        {
                            node.State = NodeState.Draining;
                            node.Problem = reason;
                        }

                        Requeue(call);
                    }

                    return;
                default:
                    _scheduler.Fail(call, new InvalidDataException($"Node {node.Id} sent an answer with unknown status {envelope.FirstOrDefault()}."));
                    return;
            }
        }

        if (call.CancellationToken.IsCancellationRequested)
        {
            _scheduler.Cancel(call);
            return;
        }

        List<ClusterCall>? failed;
        lock (_gate)
        {
            // Whatever went wrong, send nothing new to this node until a ping succeeds.
            Quarantine(node, error is NodeNotReachedException ? "a call could not reach it" : $"a call to it failed: {error!.Message}");
            if (error is NodeNotReachedException)
            {
                Requeue(call);
                return;
            }

            failed = LoseCalls(node, [call], $"the call to it failed: {error!.GetType().Name}: {error.Message}");
        }

        FailLost(failed, node.Id, error);
    }

    /// <summary>Puts a call that never ran back ahead of the queue, without counting an attempt. Under the lock.</summary>
    private void Requeue(ClusterCall call)
    {
        call.Node = null;
        if (call.IsCompleted)
        {
            call.State = CallState.Done;
            return;
        }

        // NoNodeTimeout counts from now: the call waited for a node before, but it had one until a moment ago.
        call.QueuedAt = Stopwatch.GetTimestamp();
        call.Delivered = false;
        _scheduler.RequeueAfterLoss(call, retryable: false, ahead: true);
    }

    /// <summary>Retries or collects for failing the calls that may have run on <paramref name="node"/>. Under the lock.</summary>
    private List<ClusterCall>? LoseCalls(NodeSlot node, IEnumerable<ClusterCall> calls, string reason)
    {
        List<ClusterCall>? failed = null;
        foreach (ClusterCall call in calls)
        {
            node.Running.Remove(call.Id);
            call.Node = null;
            call.Abort?.Cancel();
            if (call.IsCompleted)
            {
                call.State = CallState.Done;
                continue;
            }

            // The runtime's retry rule: it may have run, so it goes again only within MaxRetries.
            if (_scheduler.RequeueAfterLoss(call, retryable: true, ahead: true))
            {
                LogRetry(_logger, call.Method.Name, node.Id, call.Attempts, reason);
                call.QueuedAt = Stopwatch.GetTimestamp();
            }
            else
            {
                (failed ??= []).Add(call);
            }
        }

        return failed;
    }

    private void FailLost(List<ClusterCall>? failed, string node, Exception? inner)
    {
        if (failed is null)
        {
            return;
        }

        foreach (ClusterCall call in failed)
        {
            _scheduler.Fail(call, new NodeLostException(node, $"Node {node} was lost while running {call.Method.Name}; the call may or may not have run.", inner)
            {
                MethodName = call.Method.Name,
            });
        }
    }

    /// <summary>Stops using a node until a ping succeeds. Under the lock.</summary>
    private void Quarantine(NodeSlot node, string reason)
    {
        if (node.State is NodeState.Active or NodeState.Joining or NodeState.Draining)
        {
            LogQuarantined(_logger, node.Id, reason);
            node.State = NodeState.Quarantined;
            node.Problem = reason;
        }
    }

    private void OnCanceled(ClusterCall call)
    {
        lock (_gate)
        {
            // A queued call leaves the queue's count now (the entry is skipped when reached).
            _scheduler.Unqueue(call);

            // A running call's transport call is cancelled, which Orleans forwards to the node's grain and the node to
            // its pool; the slot is freed when that call returns.
            if (call.Node is not null)
            {
                call.Abort?.Cancel();
            }
        }

        _scheduler.Cancel(call);
    }

    /// <summary>Completes a call with its encoded result, unless it already has an outcome. Without the lock.</summary>
    private void Succeed(ClusterCall call, ReadOnlySpan<byte> result)
    {
        if (call.TryComplete())
        {
            call.SetResult(result);
            _scheduler.Finished(call, succeeded: true);
        }
    }

    private static long ToTicks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);

    /// <summary>The longest a call with this per-input limit may run on a node that times each input.</summary>
    private static TimeSpan BackstopOf(ClusterCall call, TimeSpan limit)
        => call.IsBatch ? (limit + Forklift.Protocol.ProtocolConstants.ItemsDoneInterval) * call.ItemCount : limit;

    [LoggerMessage(Level = LogLevel.Information, Message = "Forklift node {Node} joined with {Capacity} slots")]
    private static partial void LogJoined(ILogger logger, string node, int capacity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forklift node {Node} is draining")]
    private static partial void LogDraining(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forklift node {Node} takes no calls until it answers a ping: {Reason}")]
    private static partial void LogQuarantined(ILogger logger, string node, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forklift node {Node} lost: {Reason}")]
    private static partial void LogLost(ILogger logger, string node, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Forklift node {Node} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string node, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forklift node {Node} did not accept a call: {Reason}")]
    private static partial void LogNotAccepted(ILogger logger, string node, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Method} (retry {Retry}) after node {Node} was lost: {Reason}")]
    private static partial void LogRetry(ILogger logger, string method, string node, int retry, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the cluster membership failed")]
    private static partial void LogMembershipFailed(ILogger logger, Exception exception);
}
