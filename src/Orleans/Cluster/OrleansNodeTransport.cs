using Forklift.Dispatch;
using Forklift.Orleans.Node;
using Forklift.Orleans.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Forklift.Orleans.Cluster;

/// <summary>Reaches nodes through Orleans: membership from the silo's membership service (or, in an external client,
/// from the management grain), pings and calls through each node's pinned grain.</summary>
internal sealed class OrleansNodeTransport(IGrainFactory grains, IServiceProvider services) : INodeTransport
{
    private readonly IClusterMembershipService? _membership = services.GetService<IClusterMembershipService>();

    public async ValueTask<IReadOnlyList<NodeMember>> GetMembersAsync(CancellationToken cancellationToken)
    {
        var members = new List<NodeMember>();
        if (_membership is not null)
        {
            foreach (ClusterMember member in _membership.CurrentSnapshot.Members.Values)
            {
                Add(members, member.SiloAddress, member.Status);
            }

            return members;
        }

        // An external client has no membership service; the management grain answers through a gateway.
        Dictionary<SiloAddress, SiloStatus> hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: false).WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (KeyValuePair<SiloAddress, SiloStatus> host in hosts)
        {
            Add(members, host.Key, host.Value);
        }

        return members;
    }

    public Task<NodeStatus> PingAsync(string node, string[] assemblies, CancellationToken cancellationToken)
        => grains.GetGrain<IForkliftNodeGrain>(node).PingAsync(assemblies).WaitAsync(cancellationToken);

    public async Task<byte[]> InvokeAsync(string node, NodeRequest request, ProgressSink? progress, CancellationToken cancellationToken)
    {
        IForkliftNodeGrain grain = grains.GetGrain<IForkliftNodeGrain>(node);
        try
        {
            if (progress is null)
            {
                return await grain.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
            }

            byte[]? envelope = null;
            await foreach (byte[] item in grain.InvokeStreamingAsync(request, cancellationToken).ConfigureAwait(false))
            {
                if (item.Length > 0 && item[0] == 0)
                {
                    Report(progress, item);
                }
                else
                {
                    envelope = item;
                }
            }

            return envelope ?? throw new InvalidDataException($"Node {node} ended a streaming call without an answer.");
        }
        catch (OrleansMessageRejectionException e)
        {
            // Rejected before the grain ran it (connection refused, silo stopping, overloaded): it did not run.
            throw new NodeNotReachedException($"The call could not be delivered to node {node}: {e.Message}", e);
        }
    }

    private static void Report(ProgressSink progress, byte[] report)
    {
        try
        {
            progress.Report(report.AsSpan(1));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // As in the local pool: a throwing IProgress<T> must not fail the call.
            System.Diagnostics.Debug.WriteLine(e);
        }
    }

    private static void Add(List<NodeMember> members, SiloAddress silo, SiloStatus status)
    {
        MemberStatus? mapped = status switch
        {
            SiloStatus.Created or SiloStatus.Joining => MemberStatus.Joining,
            SiloStatus.Active => MemberStatus.Active,
            SiloStatus.ShuttingDown or SiloStatus.Stopping => MemberStatus.Stopping,
            SiloStatus.Dead => MemberStatus.Dead,
            _ => null,
        };
        if (mapped is MemberStatus s)
        {
            members.Add(new NodeMember(silo.ToParsableString(), s));
        }
    }
}
