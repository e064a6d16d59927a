using Forklift.Dispatch;
using Forklift.Orleans.Protocol;

namespace Forklift.Orleans.Cluster;

/// <summary>How the cluster scheduler reaches nodes: membership, pings and calls. Orleans in production
/// (<see cref="OrleansNodeTransport"/>); an in-memory fake in the scheduler's tests.</summary>
/// <remarks>Methods may be called from any thread, concurrently.</remarks>
internal interface INodeTransport
{
    /// <summary>The silos of the cluster and their status as the membership service sees them now.</summary>
    ValueTask<IReadOnlyList<NodeMember>> GetMembersAsync(CancellationToken cancellationToken);

    /// <summary>Pings a node; see <see cref="NodeStatus"/>.</summary>
    Task<NodeStatus> PingAsync(string node, string[] assemblies, CancellationToken cancellationToken);

    /// <summary>Runs a call on a node and returns its envelope (<see cref="Envelope"/>).</summary>
    /// <exception cref="NodeNotReachedException">The call provably never reached the node.</exception>
    /// <remarks>Any other exception means the call may or may not have run.</remarks>
    Task<byte[]> InvokeAsync(string node, NodeRequest request, ProgressSink? progress, CancellationToken cancellationToken);
}

/// <summary>A silo as membership reports it.</summary>
internal readonly record struct NodeMember(string Node, MemberStatus Status);

/// <summary>The membership states the scheduler acts on.</summary>
internal enum MemberStatus
{
    /// <summary>Starting; not yet part of the cluster.</summary>
    Joining,

    /// <summary>Up.</summary>
    Active,

    /// <summary>Stopping gracefully: send it nothing new.</summary>
    Stopping,

    /// <summary>Declared dead.</summary>
    Dead,
}

/// <summary>A call failed before it reached its node (connection refused, message rejected): it did not run.</summary>
internal sealed class NodeNotReachedException(string message, Exception? inner = null) : Exception(message, inner);
