using System.Diagnostics;
using Forklift.Buffers;
using Forklift.Dispatch;
using Forklift.Workers;

namespace Forklift.Orleans.Cluster;

/// <summary>One call or map chunk in the cluster scheduler: encoded arguments in, encoded result out.</summary>
/// <remarks>A <see cref="PendingCall"/>, so the runtime's <see cref="ChannelScheduler"/> queues it, applies the retry
/// rule and completes it as it does a local pool's calls. Fields marked "scheduler lock" change only under the
/// scheduler's lock. Completion is once-only: a result, a node loss, a deadline and a cancellation may race, and the
/// first one wins.</remarks>
internal sealed class ClusterCall : PendingCall
{
    private readonly TaskCompletionSource<byte[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _isBatch;

    public ClusterCall(ParallelMethod method, byte[] arguments, bool isBatch, int itemCount, int firstIndex, ProgressSink? progress, CancellationToken cancellationToken)
        : base(method, progress, cancellationToken)
    {
        Arguments = arguments;
        _isBatch = isBatch;
        ItemCount = itemCount;
        FirstIndex = firstIndex;
        Assembly = method.DeclaringType.Assembly.GetName().Name ?? string.Empty;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public string Assembly { get; }

    public byte[] Arguments { get; }

    public override bool IsBatch => _isBatch;

    public int ItemCount { get; }

    public int FirstIndex { get; }

    public Task<byte[]> Task => _completion.Task;

    /// <summary>The scheduler the call was submitted to (for its cancellation callback).</summary>
    public ClusterScheduler? Scheduler { get; set; }

    /// <summary>When the call was submitted, for <see cref="ForkliftClusterOptions.NoNodeTimeout"/>. Scheduler lock.</summary>
    public long QueuedAt { get; set; } = Stopwatch.GetTimestamp();

    /// <summary>The node running the current attempt, or null while queued. Scheduler lock.</summary>
    public NodeSlot? Node { get; set; }

    /// <summary>Counts dispatches, so a late answer to an earlier attempt is recognised and ignored. Scheduler lock.</summary>
    public int Dispatch { get; set; }

    /// <summary>When the current attempt was sent. Scheduler lock.</summary>
    public long SentAt { get; set; }

    /// <summary>When the caller stops waiting for an answer: the deadline plus <see cref="ForkliftClusterOptions.DeadlineGrace"/>;
    /// <see cref="long.MaxValue"/> without a time limit. Scheduler lock.</summary>
    public long GiveUpAt { get; set; } = long.MaxValue;

    /// <summary>Pings in a row, each sent after this attempt, whose running list lacked the call. Scheduler lock.</summary>
    public int LeaseMisses { get; set; }

    /// <summary>When the first of those pings was sent (0: none missed). Scheduler lock.</summary>
    public long LeaseMissedSince { get; set; }

    /// <summary>Cancels the transport call of the current attempt (which Orleans forwards to the node). Scheduler lock.</summary>
    public CancellationTokenSource? Abort { get; set; }

    /// <summary>The arguments are encoded once, by <see cref="ClusterWorkerPool"/>; they travel as they are.</summary>
    public override void WriteArguments(PooledBufferWriter buffer) => buffer.Write(Arguments);

    public override void SetResult(ReadOnlySpan<byte> payload) => _completion.TrySetResult(payload.ToArray());

    public override void SetException(Exception exception) => _completion.TrySetException(exception);

    public override void SetCanceled() => _completion.TrySetCanceled(CancellationToken.IsCancellationRequested ? CancellationToken : new CancellationToken(true));
}
