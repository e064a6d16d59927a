using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Forklift.Dispatch;
using Forklift.Orleans.Protocol;
using Orleans.Concurrency;
using Microsoft.Extensions.DependencyInjection;

namespace Forklift.Orleans.Node;

/// <summary>The node's grain: a thin door into the silo's <see cref="ForkliftNode"/>.</summary>
/// <remarks>Reentrant so one activation takes any number of calls at once (the node's pool queues them), and single
/// activation so a cancellation and a streaming enumerator find the call they belong to.</remarks>
[Reentrant]
[PinnedToSilo]
internal sealed class ForkliftNodeGrain(IServiceProvider services) : Grain, IForkliftNodeGrain
{
    private static readonly NodeStatus NotANode = new();

    // Null on a silo that runs no calls (AddForkliftDispatcher, or any silo without AddForkliftNode): pings answer capacity 0.
    private readonly ForkliftNode? _node = services.GetService<ForkliftNode>();

    public Task<NodeStatus> PingAsync(string[] assemblies) => Task.FromResult(_node?.Status(assemblies) ?? NotANode);

    public Task<byte[]> InvokeAsync(NodeRequest request, CancellationToken cancellationToken)
        => _node is null
            ? Task.FromResult(Envelope.NotAccepted("This silo runs no Forklift calls (no AddForkliftNode)."))
            : _node.RunAsync(request, progress: null, cancellationToken);

    public async IAsyncEnumerable<byte[]> InvokeStreamingAsync(NodeRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_node is null)
        {
            yield return Envelope.NotAccepted("This silo runs no Forklift calls (no AddForkliftNode).");
            yield break;
        }

        // Reports arrive on the pool's reader thread; the channel hands them to this enumerator in order.
        var reports = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        Task<byte[]> run = _node.RunAsync(request, new ChannelProgressSink(reports.Writer), cancellationToken);
        _ = run.ContinueWith(static (_, writer) => ((ChannelWriter<byte[]>)writer!).TryComplete(), reports.Writer, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await foreach (byte[] report in reports.Reader.ReadAllAsync(CancellationToken.None))
        {
            yield return report;
        }

        yield return await run;
    }

    private sealed class ChannelProgressSink(ChannelWriter<byte[]> writer) : ProgressSink
    {
        public override void Report(ReadOnlySpan<byte> payload)
        {
            // Status byte 0 marks a progress report; an envelope starts with a non-zero EnvelopeStatus.
            byte[] report = new byte[payload.Length + 1];
            payload.CopyTo(report.AsSpan(1));
            writer.TryWrite(report);
        }
    }
}
