using System.Diagnostics;
using Forklift.Dispatch;

namespace Forklift.Orleans.Cluster;

/// <summary>One call or map chunk in the cluster scheduler: encoded arguments in, encoded result out.</summary>
/// <remarks>Fields marked "scheduler lock" change only under the scheduler's lock. Completion is once-only: a result,
/// a node loss, a deadline and a cancellation may race, and the first one wins.</remarks>
internal sealed class ClusterCall
{
    private readonly TaskCompletionSource<byte[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _completed;

    public ClusterCall(ParallelMethod method, byte[] arguments, bool isBatch, int itemCount, int firstIndex, ProgressSink? progress, CancellationToken cancellationToken)
    {
        Method = method;
        Arguments = arguments;
        IsBatch = isBatch;
        ItemCount = itemCount;
        FirstIndex = firstIndex;
        Progress = progress;
        CancellationToken = cancellationToken;
        Assembly = method.DeclaringType.Assembly.GetName().Name ?? string.Empty;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public ParallelMethod Method { get; }

    public string Assembly { get; }

    public byte[] Arguments { get; }

    public bool IsBatch { get; }

    public int ItemCount { get; }

    public int FirstIndex { get; }

    public ProgressSink? Progress { get; }

    public CancellationToken CancellationToken { get; }

    public Task<byte[]> Task => _completion.Task;

    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    public CancellationTokenRegistration Registration { get; set; }

    /// <summary>The scheduler the call was submitted to (for its cancellation callback).</summary>
    public ClusterScheduler? Scheduler { get; set; }

    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    /// <summary>When the call was submitted, for <see cref="ForkliftClusterOptions.NoNodeTimeout"/>. Scheduler lock.</summary>
    public long QueuedAt { get; set; } = Stopwatch.GetTimestamp();

    /// <summary>The node running the current attempt, or null while queued. Scheduler lock.</summary>
    public NodeSlot? Node { get; set; }

    /// <summary>Counts dispatches, so a late answer to an earlier attempt is recognised and ignored. Scheduler lock.</summary>
    public int Dispatch { get; set; }

    /// <summary>Retries used after node losses (calls that never reached a node do not count). Scheduler lock.</summary>
    public int Retries { get; set; }

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

    public bool TryComplete() => Interlocked.Exchange(ref _completed, 1) == 0;

    public void SetResult(byte[] result) => _completion.TrySetResult(result);

    public void SetException(Exception exception) => _completion.TrySetException(exception);

    public void SetCanceled() => _completion.TrySetCanceled(CancellationToken.IsCancellationRequested ? CancellationToken : new CancellationToken(true));
}
