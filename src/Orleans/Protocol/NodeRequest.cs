namespace Forklift.Orleans.Protocol;

/// <summary>One call (or map chunk) as it crosses to a node: the method's id and the generated codec's bytes.</summary>
/// <remarks>Orleans serializes only strings, numbers and byte arrays here, so user types need no Orleans serializer.
/// The time limit is relative, not an absolute deadline, so clock differences between machines do not matter; the
/// node starts it when its pool gives the call a worker.</remarks>
[GenerateSerializer]
[Alias("Forklift.NodeRequest")]
internal sealed class NodeRequest
{
    /// <summary>Identifies the call on the node (leases and cancellation); the same across retries.</summary>
    [Id(0)]
    public Guid CallId { get; set; }

    /// <summary><see cref="Dispatch.ParallelMethod.Id"/>.</summary>
    [Id(1)]
    public string MethodId { get; set; } = string.Empty;

    /// <summary>The simple name of the assembly that declares the method, so the node can load it on first use.</summary>
    [Id(2)]
    public string Assembly { get; set; } = string.Empty;

    /// <summary>The encoded arguments, or a batch (varuint count, then int32-prefixed items).</summary>
    [Id(3)]
    public byte[] Arguments { get; set; } = [];

    [Id(4)]
    public bool IsBatch { get; set; }

    /// <summary>For a batch: the index of its first item in the caller's map, for error messages.</summary>
    [Id(5)]
    public int FirstIndex { get; set; }

    /// <summary>The time limit in ticks of the call, or of each input of a batch (renewed per input on the node, as a
    /// local map's), once it runs; 0 for none.</summary>
    [Id(6)]
    public long TimeLimitTicks { get; set; }

    /// <summary>Which attempt this is (0 first), for logs.</summary>
    [Id(7)]
    public int Attempt { get; set; }

    /// <summary>The caller's W3C trace context, so the node's pool continues the trace into its workers.</summary>
    [Id(8)]
    public string? TraceParent { get; set; }

    [Id(9)]
    public string? TraceState { get; set; }
}

/// <summary>What a ping answers: whether the silo runs calls, how many at once, which build, and which calls.</summary>
[GenerateSerializer]
[Alias("Forklift.NodeStatus")]
internal sealed class NodeStatus
{
    /// <summary>The node's worker count; 0 for a silo that runs no calls (a dispatcher, or a silo without AddForkliftNode).</summary>
    [Id(0)]
    public int Capacity { get; set; }

    /// <summary>The node is stopping: it refuses new calls and finishes the ones it runs.</summary>
    [Id(1)]
    public bool Draining { get; set; }

    /// <summary>One fingerprint per assembly the ping asked about, in the same order; null where the node cannot load it.</summary>
    [Id(2)]
    public string?[] Fingerprints { get; set; } = [];

    /// <summary>The ids of the calls the node is running now: the caller's lease check.</summary>
    [Id(3)]
    public Guid[] Running { get; set; } = [];
}
