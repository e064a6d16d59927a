using System.Collections.Concurrent;
using Forklift.Dispatch;
using Forklift.Orleans.Cluster;
using Forklift.Orleans.Protocol;

namespace Forklift.Orleans.Tests;

/// <summary>
/// An in-memory cluster for the scheduler's tests: each fake node runs calls on its own in-process
/// <see cref="WorkerPool"/> through the raw-bytes entry, and can be held, killed, hung, drained or made to misbehave.
/// </summary>
internal sealed class FakeTransport : INodeTransport, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FakeNode> _nodes = new(StringComparer.Ordinal);

    public FakeNode AddNode(string id, int capacity)
    {
        var node = new FakeNode(id, capacity);
        _nodes[id] = node;
        return node;
    }

    /// <summary>Membership reads never answer (a client whose gateway hangs) until cancelled.</summary>
    public bool MembershipHangs { get; set; }

    public async ValueTask<IReadOnlyList<NodeMember>> GetMembersAsync(CancellationToken cancellationToken)
    {
        if (MembershipHangs)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var members = new List<NodeMember>();
        foreach (FakeNode node in _nodes.Values)
        {
            members.Add(new NodeMember(node.Id, node.Member));
        }

        return members;
    }

    public async Task<NodeStatus> PingAsync(string node, string[] assemblies, CancellationToken cancellationToken)
    {
        FakeNode target = _nodes[node];
        if (target.Hung)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        Interlocked.Increment(ref target.Pings);
        return new NodeStatus
        {
            Capacity = target.Capacity,
            Draining = target.Draining,
            Fingerprints = Array.ConvertAll(assemblies, a => target.FingerprintOverride ?? new BuildFingerprint().Of(a)),
            Running = [.. target.Running.Keys],
        };
    }

    public async Task<byte[]> InvokeAsync(string node, NodeRequest request, ProgressSink? progress, CancellationToken cancellationToken)
    {
        FakeNode target = _nodes[node];
        if (Interlocked.Decrement(ref target.RejectNext) >= 0)
        {
            throw new NodeNotReachedException($"connection to {node} refused");
        }

        Interlocked.Increment(ref target.Received);
        if (target.Hung || target.Member == MemberStatus.Dead)
        {
            // A crashed or hung node: the transport never answers; only the scheduler can end the call.
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }

        // A request still in transit: not yet in the node's running list.
        await target.Transit.Task;

        if (target.LoseResponses)
        {
            // The node ran the call and forgot it, but the answer never arrives.
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }

        target.Running[request.CallId] = 0;
        try
        {
            await Task.WhenAny(target.Gate.Task, Task.Delay(Timeout.Infinite, cancellationToken));
            if (cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref target.SawCancellation);
                if (target.IgnoresCancellation)
                {
                    await Task.Delay(Timeout.Infinite, CancellationToken.None);
                }
            }

            return await target.RunAsync(request, progress, cancellationToken);
        }
        finally
        {
            target.Running.TryRemove(request.CallId, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (FakeNode node in _nodes.Values)
        {
            await node.Pool.DisposeAsync();
        }
    }
}

internal sealed class FakeNode(string id, int capacity)
{
    public int RejectNext;
    public int Received;
    public int Completed;
    public int SawCancellation;
    public int Pings;

    public string Id { get; } = id;

    public int Capacity { get; } = capacity;

    public WorkerPool Pool { get; } = new(new WorkerPoolOptions { Workers = capacity, Isolation = WorkerPoolIsolation.InProcess });

    public MemberStatus Member { get; set; } = MemberStatus.Active;

    public bool Hung { get; set; }

    public bool Draining { get; set; }

    public bool LoseResponses { get; set; }

    public bool IgnoresCancellation { get; set; }

    public string? FingerprintOverride { get; set; }

    /// <summary>Calls wait here until it completes: set it unopened to hold calls in flight.</summary>
    public TaskCompletionSource Gate { get; set; } = Opened();

    /// <summary>Requests wait here before the node sees them (in transit): set it unopened to delay their arrival.</summary>
    public TaskCompletionSource Transit { get; set; } = Opened();

    public ConcurrentDictionary<Guid, byte> Running { get; } = new();

    public static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    public async Task<byte[]> RunAsync(NodeRequest request, ProgressSink? progress, CancellationToken cancellationToken)
    {
        ParallelMethodRegistry.TryGet(request.MethodId, out ParallelMethod? method);
        try
        {
            byte[] result = request.IsBatch
                ? await Pool.MapRawAsync(method!, request.Arguments, request.FirstIndex, progress, null, cancellationToken)
                : await Pool.InvokeRawAsync(method!, request.Arguments, progress, null, cancellationToken);
            Interlocked.Increment(ref Completed);
            return Envelope.Ok(result);
        }
        catch (Exception e)
        {
            return Envelope.Error(e);
        }
    }
}
