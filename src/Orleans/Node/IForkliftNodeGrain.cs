using Forklift.Orleans.Protocol;

namespace Forklift.Orleans.Node;

/// <summary>The one grain of each node, keyed by the node's silo address and placed on that silo.</summary>
/// <remarks>Calls carry only a method id and bytes; failures come back inside the returned envelope. The invoke methods
/// have a long response timeout because Forklift enforces its own deadline (on the node) and liveness (pings and the
/// running-call lease on the caller); Orleans' 30 s default would fail long calls that are still running.</remarks>
[Alias("Forklift.IForkliftNodeGrain")]
internal interface IForkliftNodeGrain : IGrainWithStringKey
{
    /// <summary>Reports capacity, draining, the fingerprints of <paramref name="assemblies"/> and the running calls.</summary>
    [Alias("Ping")]
    Task<NodeStatus> PingAsync(string[] assemblies);

    /// <summary>Runs one call or map chunk on the node's pool and returns its envelope.</summary>
    [Alias("Invoke")]
    [ResponseTimeout("7.00:00:00")]
    Task<byte[]> InvokeAsync(NodeRequest request, CancellationToken cancellationToken);

    /// <summary>As <see cref="InvokeAsync"/>, yielding each progress report (status byte 0 then the payload) before the envelope.</summary>
    [Alias("InvokeStreaming")]
    [ResponseTimeout("7.00:00:00")]
    IAsyncEnumerable<byte[]> InvokeStreamingAsync(NodeRequest request, CancellationToken cancellationToken);
}
