namespace Forklift.Dispatch;

/// <summary>What a running call can reach in the worker: its cancellation and its channel for progress reports.</summary>
/// <remarks>One context per call; it may be used from any thread while the call runs, and not after it completes.</remarks>
public abstract class WorkerCallContext
{
    /// <summary>Cancelled when the caller cancels the call (forwarded across the process boundary) or the pool shuts down.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>
    /// An <see cref="IProgress{T}"/> whose reports are encoded with <paramref name="codec"/> and delivered to the
    /// caller's <see cref="IProgress{T}"/>, in order. Reports after the call completes are dropped.
    /// </summary>
    public abstract IProgress<T> CreateProgress<T>(ParallelCodec<T> codec);
}
