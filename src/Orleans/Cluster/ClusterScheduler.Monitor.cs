using System.Diagnostics;
using System.Text;
using Forklift.Orleans.Protocol;
using Forklift.Workers;

namespace Forklift.Orleans.Cluster;

/// <content>Watching the cluster: membership, pings (capacity, build, drain, leases), deadlines, and calls that no node
/// can take.</content>
internal sealed partial class ClusterScheduler
{
    private async Task MonitorAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.MembershipRefresh);
        do
        {
            try
            {
                // Bounded: an external client reads membership through a gateway, and a read that hangs (a dead or hung
                // gateway) must not stop the pings and deadline checks below, which are what drop a lost node.
                using var bound = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                bound.CancelAfter(_options.PingTimeout);
                IReadOnlyList<NodeMember> members = await _transport.GetMembersAsync(bound.Token).ConfigureAwait(false);
                ApplyMembership(members);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogMembershipFailed(_logger, e);
            }

            PingDue(all: false);
            CheckDeadlines();
            CheckNoNode();
            DispatchQueued();
        }
        while (await WaitTickAsync(timer, stopping).ConfigureAwait(false));
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void ApplyMembership(IReadOnlyList<NodeMember> members)
    {
        var lost = new List<(NodeSlot Node, List<ClusterCall>? Failed)>();
        bool joined = false;
        lock (_gate)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (NodeMember member in members)
            {
                seen.Add(member.Node);
                _nodes.TryGetValue(member.Node, out NodeSlot? node);
                switch (member.Status)
                {
                    case MemberStatus.Active when node is null:
                        _nodes[member.Node] = new NodeSlot(member.Node) { IsMember = true };
                        joined = true;
                        break;
                    case MemberStatus.Active:
                        node.IsMember = true;
                        break;
                    case MemberStatus.Stopping when node is not null && node.State is NodeState.Active or NodeState.Joining:
                        LogDraining(_logger, node.Id);
                        node.State = NodeState.Draining;
                        node.Problem = "the silo is stopping";
                        break;
                    case MemberStatus.Dead when node is not null:
                        seen.Remove(member.Node);
                        break;
                }
            }

            foreach (NodeSlot node in new List<NodeSlot>(_nodes.Values))
            {
                if (!seen.Contains(node.Id))
                {
                    // Declared dead, or gone from the membership table: its running calls are lost.
                    _nodes.Remove(node.Id);
                    lost.Add((node, LoseCalls(node, [.. node.Running.Values], "the cluster declared it dead")));
                }
            }
        }

        foreach ((NodeSlot node, List<ClusterCall>? failed) in lost)
        {
            LogLost(_logger, node.Id, "the cluster declared it dead");
            FailLost(failed, node.Id, null);
        }

        if (joined)
        {
            PingDue(all: true);
        }
    }

    private void PingAll() => PingDue(all: true);

    /// <summary>Pings every node whose period is up (or every node), unless a ping to it is still on its way.</summary>
    private void PingDue(bool all)
    {
        long now = Stopwatch.GetTimestamp();
        long period = ToTicks(_options.PingPeriod);
        var due = new List<(NodeSlot Node, string[] Assemblies)>();
        lock (_gate)
        {
            string[]? assemblies = null;
            foreach (NodeSlot node in _nodes.Values)
            {
                if (!node.PingInFlight && (all || node.Verified != _required.Count || now - node.LastPingAt >= period))
                {
                    node.PingInFlight = true;
                    node.LastPingAt = now;
                    due.Add((node, assemblies ??= [.. _required]));
                }
            }
        }

        foreach ((NodeSlot node, string[] assemblies) in due)
        {
            _ = PingAsync(node, assemblies, now);
        }
    }

    private async Task PingAsync(NodeSlot node, string[] assemblies, long sentAt)
    {
        NodeStatus? status = null;
        Exception? error = null;
        using var timeout = new CancellationTokenSource(_options.PingTimeout);
        try
        {
            status = await _transport.PingAsync(node.Id, assemblies, timeout.Token).WaitAsync(_options.PingTimeout).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            error = e;
        }

        if (status is not null)
        {
            OnPingAnswered(node, assemblies, status, sentAt);
        }
        else
        {
            OnPingMissed(node, error!);
        }

        DispatchQueued();
    }

    private void OnPingAnswered(NodeSlot node, string[] assemblies, NodeStatus status, long sentAt)
    {
        List<ClusterCall>? failed = null;
        lock (_gate)
        {
            node.PingInFlight = false;
            node.MissedPings = 0;
            if (!_nodes.ContainsKey(node.Id) || node.State == NodeState.Refused)
            {
                return;
            }

            if (status.Capacity <= 0)
            {
                node.State = NodeState.NotANode;
                node.Problem = "the silo runs no Forklift calls";
                return;
            }

            node.Capacity = status.Capacity;
            for (int i = 0; i < assemblies.Length; i++)
            {
                string? theirs = i < status.Fingerprints.Length ? status.Fingerprints[i] : null;
                string? ours = _localFingerprints[assemblies[i]];
                if (!string.Equals(theirs, ours, StringComparison.Ordinal))
                {
                    node.State = NodeState.Refused;
                    node.Problem = $"it runs a different build of {assemblies[i]} (here: {ours ?? "not loaded"}; on the node: {theirs ?? "not found"}). Every node must run the same build as the caller.";
                    LogRefused(_logger, node.Id, node.Problem);
                    failed = LoseCalls(node, [.. node.Running.Values], "it was refused");
                    break;
                }
            }

            if (node.State != NodeState.Refused)
            {
                node.Verified = Math.Max(node.Verified, assemblies.Length);
                if (status.Draining)
                {
                    if (node.State != NodeState.Draining)
                    {
                        LogDraining(_logger, node.Id);
                    }

                    node.State = NodeState.Draining;
                    node.Problem = "the silo is stopping";
                }
                else if (node.State is NodeState.Joining or NodeState.Quarantined && node.IsMember)
                {
                    node.State = NodeState.Active;
                    node.Problem = null;
                    LogJoined(_logger, node.Id, node.Capacity);
                }

                failed = CheckLeases(node, status, sentAt);
            }
        }

        FailLost(failed, node.Id, null);
    }

    /// <summary>Calls sent before this ping that the node no longer runs have lost their response. Under the lock.</summary>
    private List<ClusterCall>? CheckLeases(NodeSlot node, NodeStatus status, long pingSentAt)
    {
        if (node.Running.Count == 0)
        {
            return null;
        }

        var running = new HashSet<Guid>(status.Running);
        List<ClusterCall>? expired = null;
        foreach (ClusterCall call in node.Running.Values)
        {
            if (running.Contains(call.Id) || call.SentAt >= pingSentAt)
            {
                call.LeaseMisses = 0;
                call.LeaseMissedSince = 0;
                continue;
            }

            // A request still in transit, or an answer already on its way back, is missing from the list too. On a
            // stalled machine that lasts seconds, so the call is lost only after as long as a silent node is given.
            if (call.LeaseMisses++ == 0)
            {
                call.LeaseMissedSince = pingSentAt;
            }

            if (call.LeaseMisses >= LeaseMissesLimit && Stopwatch.GetElapsedTime(call.LeaseMissedSince) >= LeaseGrace)
            {
                (expired ??= []).Add(call);
            }
        }

        return expired is null ? null : LoseCalls(node, expired, "the node no longer runs the call, and its answer never came");
    }

    private void OnPingMissed(NodeSlot node, Exception error)
    {
        List<ClusterCall>? failed = null;
        string reason = $"it missed {_options.MissedPingsLimit} pings in a row (last: {error.GetType().Name}: {error.Message})";
        lock (_gate)
        {
            node.PingInFlight = false;
            node.MissedPings++;
            if (node.MissedPings >= _options.MissedPingsLimit && node.State is NodeState.Active or NodeState.Draining)
            {
                Quarantine(node, reason);
                failed = LoseCalls(node, [.. node.Running.Values], reason);
            }
            else if (node.State == NodeState.Quarantined && node.Running.Count > 0)
            {
                failed = LoseCalls(node, [.. node.Running.Values], reason);
            }
        }

        FailLost(failed, node.Id, error);
    }

    /// <summary>Fails calls whose node did not answer by their deadline plus <see cref="ForkliftClusterOptions.DeadlineGrace"/>.</summary>
    private void CheckDeadlines()
    {
        long now = Stopwatch.GetTimestamp();
        List<(ClusterCall Call, string Node)>? late = null;
        lock (_gate)
        {
            foreach (NodeSlot node in _nodes.Values)
            {
                foreach (ClusterCall call in node.Running.Values)
                {
                    if (call.GiveUpAt <= now)
                    {
                        (late ??= []).Add((call, node.Id));
                    }
                }
            }

            if (late is not null)
            {
                foreach ((ClusterCall call, string node) in late)
                {
                    _nodes[node].Running.Remove(call.Id);
                    call.Node = null;
                    call.Abort?.Cancel();
                }
            }
        }

        if (late is null)
        {
            return;
        }

        foreach ((ClusterCall call, string node) in late)
        {
            TimeSpan limit = BackstopOf(call, call.Method.Options.Timeout ?? _options.TaskTimeout ?? TimeSpan.Zero);
            _scheduler.Fail(call, new WorkerTimeoutException($"{call.Method.Name} got no answer from node {node} within its time limit of {limit} plus {_options.DeadlineGrace}.")
            {
                MethodName = call.Method.Name,
                Timeout = limit,
            });
        }
    }

    /// <summary>Fails calls that waited <see cref="ForkliftClusterOptions.NoNodeTimeout"/> while no node could take any call.</summary>
    private void CheckNoNode()
    {
        long now = Stopwatch.GetTimestamp();
        long bound = ToTicks(_options.NoNodeTimeout);
        List<PendingCall>? expired = null;
        string? why = null;
        lock (_gate)
        {
            if (_scheduler.Queued == 0)
            {
                return;
            }

            foreach (NodeSlot node in _nodes.Values)
            {
                if (node.State == NodeState.Active)
                {
                    // Some node takes calls: the queue is only waiting for a free slot.
                    return;
                }
            }

            expired = _scheduler.UnqueueWhere(call => now - ((ClusterCall)call).QueuedAt >= bound);

            if (expired is not null)
            {
                var text = new StringBuilder($"No node of the Forklift cluster could take calls for {_options.NoNodeTimeout}.");
                if (_nodes.Count == 0)
                {
                    text.Append(" No silo with AddForkliftNode() is in the cluster.");
                }

                foreach (NodeSlot node in _nodes.Values)
                {
                    text.Append(' ').Append(node.Id).Append(": ").Append(node.State).Append(node.Problem is null ? "." : $", {node.Problem}.");
                }

                why = text.ToString();
            }
        }

        if (expired is not null)
        {
            foreach (PendingCall call in expired)
            {
                _scheduler.Fail(call, new WorkerStartException(why!));
            }
        }
    }
}
