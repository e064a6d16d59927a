using Forklift.Buffers;
using Forklift.Dispatch;

namespace Forklift.Workers;

/// <summary>
/// A call whose arguments arrive already encoded (a cluster node running a call for another machine): the bytes go
/// to the worker as they are, and the result comes back as bytes, so the node never needs the method's type
/// arguments and never decodes or re-encodes a value.
/// </summary>
/// <remarks>The argument memory is read when the request is written (possibly more than once, if a worker dies before
/// it gets the request), so its owner must not change it until the task completes.</remarks>
internal sealed class RawCall(ParallelMethod method, ReadOnlyMemory<byte> arguments, ProgressSink? progress, CancellationToken cancellationToken)
    : PendingCall(method, progress, cancellationToken)
{
    private readonly TaskCompletionSource<byte[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<byte[]> Task => _completion.Task;

    public override bool IsBatch => false;

    public override void WriteArguments(PooledBufferWriter buffer) => buffer.Write(arguments.Span);

    public override void SetResult(ReadOnlySpan<byte> payload) => _completion.TrySetResult(payload.ToArray());

    public override void SetException(Exception exception) => _completion.TrySetException(exception);

    public override void SetCanceled() => _completion.TrySetCanceled(CancellationToken.IsCancellationRequested ? CancellationToken : new CancellationToken(true));
}

/// <summary>A map chunk in Forklift's batch format (varuint count, then int32-prefixed items), sent and answered as bytes.</summary>
/// <remarks>An item's error names its index in the caller's whole map (<c>firstIndex</c> + its place in the batch),
/// as a local map's would.</remarks>
internal sealed class RawBatchCall(ParallelMethod method, ReadOnlyMemory<byte> batch, int firstIndex, ProgressSink? progress, CancellationToken cancellationToken)
    : PendingCall(method, progress, cancellationToken), IChunk
{
    private readonly TaskCompletionSource<byte[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<byte[]> Task => _completion.Task;

    public bool IsObsolete => false;

    public override bool IsBatch => true;

    public int InputIndex(int item) => firstIndex + item;

    /// <summary>Each input's time limit, replacing the method's and the pool's (a remote caller's limit, so that a
    /// chunk from another machine is timed per input as a local map's is); <see langword="null"/> keeps those.</summary>
    public TimeSpan? ItemTimeout { get; init; }

    public override void WriteArguments(PooledBufferWriter buffer) => buffer.Write(batch.Span);

    public override void SetResult(ReadOnlySpan<byte> payload) => _completion.TrySetResult(payload.ToArray());

    public override void SetException(Exception exception) => _completion.TrySetException(exception);

    public override void SetCanceled() => _completion.TrySetCanceled(CancellationToken.IsCancellationRequested ? CancellationToken : new CancellationToken(true));
}
