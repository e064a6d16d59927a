namespace Forklift.Orleans;

/// <summary>One node as the cluster pool sees it.</summary>
/// <param name="Node">The node's silo address.</param>
/// <param name="State">Joining, Active, Draining, Quarantined (missed pings), Refused (different build) or NotANode (runs no calls).</param>
/// <param name="Capacity">How many calls it runs at once.</param>
/// <param name="Running">Calls this caller has in flight on it.</param>
/// <param name="Problem">Why it takes no calls, when it does not.</param>
public sealed record ClusterNodeStatus(string Node, string State, int Capacity, int Running, string? Problem);
