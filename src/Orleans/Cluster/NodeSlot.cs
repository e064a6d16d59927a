namespace Forklift.Orleans.Cluster;

/// <summary>What the scheduler knows of one node; every field changes only under the scheduler's lock.</summary>
internal sealed class NodeSlot(string id)
{
    public string Id { get; } = id;

    public NodeState State { get; set; } = NodeState.Joining;

    /// <summary>How many calls the node runs at once (its worker count): its slots.</summary>
    public int Capacity { get; set; }

    /// <summary>Calls sent to the node and not yet answered, by call id.</summary>
    public Dictionary<Guid, ClusterCall> Running { get; } = [];

    /// <summary>How many of the scheduler's required assemblies this node has been checked against.</summary>
    public int Verified { get; set; }

    public int MissedPings { get; set; }

    public bool PingInFlight { get; set; }

    public long LastPingAt { get; set; }

    /// <summary>Why the node takes no calls (refused build, lost), for logs and the no-node error.</summary>
    public string? Problem { get; set; }

    public bool IsMember { get; set; }
}

/// <summary>Where a node is in the scheduler's eyes.</summary>
internal enum NodeState
{
    /// <summary>Seen in membership, not yet answered a ping (or its fingerprint not yet checked).</summary>
    Joining,

    /// <summary>Takes calls.</summary>
    Active,

    /// <summary>Stopping: takes no new calls; the ones it runs may finish.</summary>
    Draining,

    /// <summary>Missed its pings or lost a call: its calls were failed or requeued; a successful ping brings it back.</summary>
    Quarantined,

    /// <summary>Runs a different build; never used.</summary>
    Refused,

    /// <summary>A silo that runs no calls (capacity 0): a dispatcher.</summary>
    NotANode,
}
