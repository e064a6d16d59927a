using Forklift.Dispatch;

namespace Forklift;

/// <summary>
/// Runs <c>[Parallel]</c> calls somewhere other than the calling thread: the methods that the generator emits
/// (<c>XAsync</c>, <c>XInWorker</c>, <c>XMapAsync</c>, <c>XUnorderedAsync</c>) take one of these. <see cref="WorkerPool"/> implements it
/// with local worker processes; other back ends (a cluster of nodes, for example) can implement it too.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> Every member may be called by any number of threads at once. A call never runs on the
/// caller's thread, and its task completes asynchronously (never inline on a thread the implementation owns), so a
/// caller blocking in a continuation cannot stall the pool.</para>
/// <para><b>Ownership.</b> The pool never disposes what it is given. <c>inputs</c> is enumerated once, in full, when
/// the call starts: before <see cref="InvokeAsync"/> and <see cref="MapAsync"/> return, and at the first
/// <c>MoveNextAsync</c> of <see cref="UnorderedAsync"/>'s enumerator. Arguments are encoded with
/// <see cref="ParallelMethod{TArgs, TResult}.Arguments"/> before the call leaves the caller, so later changes to an
/// argument object are not seen. Disposing the pool is its owner's business and not part of this contract.</para>
/// <para><b>Ordering.</b> Calls wait in one first-in, first-out queue for a free slot (a worker, or a node's worker).
/// <see cref="MapAsync"/> returns results in input order; <see cref="UnorderedAsync"/> yields each input's index
/// exactly once, in completion order.</para>
/// <para><b>Progress.</b> <c>progress</c> receives the reports of the call (of every item, for a map) one at a time,
/// in the order each worker sent them; reports from different items of a map may interleave.</para>
/// <para><b>Cancellation.</b> A call still queued is cancelled at once. A running call is told to stop when its method
/// takes a <see cref="CancellationToken"/> (<see cref="ParallelMethodOptions.AcceptsCancellation"/>); otherwise it is
/// abandoned and the worker running it is stopped after a grace period. Either way the task ends in
/// <see cref="OperationCanceledException"/> carrying <c>cancellationToken</c>.</para>
/// <para><b>Faults.</b> A call ends in exactly one of: its result; <see cref="RemoteException"/> (the method threw; the
/// chain of inner exceptions mirrors the remote one); <see cref="WorkerCrashedException"/> (the process running it
/// died, after <see cref="ParallelMethodOptions.MaxRetries"/> retries on fresh workers);
/// <see cref="WorkerTimeoutException"/>; <see cref="WorkerStartException"/>; <see cref="OperationCanceledException"/>;
/// or <see cref="ObjectDisposedException"/> when the pool is shutting down (thrown at once by a call made after
/// shutdown began). A map fails with the first failure among its items and drops the chunks not yet started. Only
/// argument errors (a <see langword="null"/> method or inputs) and shutdown are thrown synchronously; everything else
/// ends the returned task.</para>
/// </remarks>
public interface IWorkerPool
{
    /// <summary>Runs one call.</summary>
    /// <typeparam name="TArgs">The argument type of <paramref name="method"/>.</typeparam>
    /// <typeparam name="TResult">The result type of <paramref name="method"/>.</typeparam>
    /// <param name="method">The generated method descriptor.</param>
    /// <param name="args">The arguments: a value tuple for several parameters, <see cref="Unit"/> for none.</param>
    /// <param name="progress">Receives the call's progress reports, if the method reports any.</param>
    /// <param name="cancellationToken">Cancels the call (see the remarks on <see cref="IWorkerPool"/>).</param>
    /// <returns>The method's result, or one of the faults listed on <see cref="IWorkerPool"/>.</returns>
    Task<TResult> InvokeAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args, ProgressSink? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Runs one call and waits for its result on the calling thread.</summary>
    /// <typeparam name="TArgs">The argument type of <paramref name="method"/>.</typeparam>
    /// <typeparam name="TResult">The result type of <paramref name="method"/>.</typeparam>
    /// <param name="method">The generated method descriptor.</param>
    /// <param name="args">The arguments: a value tuple for several parameters, <see cref="Unit"/> for none.</param>
    /// <param name="progress">Receives the call's progress reports, if the method reports any.</param>
    /// <param name="cancellationToken">Cancels the call (see the remarks on <see cref="IWorkerPool"/>).</param>
    /// <returns>The method's result; the faults listed on <see cref="IWorkerPool"/> are thrown.</returns>
    /// <remarks>The default waits for <see cref="InvokeAsync"/>. <see cref="WorkerPool"/> lets the calling thread read
    /// its own answer when it can, which makes a blocking caller's round trip close to a raw pipe's (see
    /// <see cref="WorkerPool.Invoke"/>).</remarks>
    TResult Invoke<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args, ProgressSink? progress = null, CancellationToken cancellationToken = default)
        => InvokeAsync(method, args, progress, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Runs one call per input and returns the results in input order.</summary>
    /// <typeparam name="TArgs">The argument type of <paramref name="method"/>.</typeparam>
    /// <typeparam name="TResult">The result type of <paramref name="method"/>.</typeparam>
    /// <param name="method">The generated method descriptor.</param>
    /// <param name="inputs">One argument value per call. An empty sequence gives an empty array at once.</param>
    /// <param name="progress">Receives the progress reports of every item.</param>
    /// <param name="cancellationToken">Cancels every item not yet finished.</param>
    /// <returns>The results in input order, or the first item's fault.</returns>
    Task<TResult[]> MapAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, IEnumerable<TArgs> inputs, ProgressSink? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Runs one call per input and yields each result with its input's index as soon as it is available.</summary>
    /// <typeparam name="TArgs">The argument type of <paramref name="method"/>.</typeparam>
    /// <typeparam name="TResult">The result type of <paramref name="method"/>.</typeparam>
    /// <param name="method">The generated method descriptor.</param>
    /// <param name="inputs">One argument value per call.</param>
    /// <param name="progress">Receives the progress reports of every item.</param>
    /// <param name="cancellationToken">Cancels every item not yet finished; also ends the enumeration.</param>
    /// <returns>Each input's index and result, in completion order. The first fault is thrown from <c>MoveNextAsync</c>.</returns>
    IAsyncEnumerable<(int Index, TResult Result)> UnorderedAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, IEnumerable<TArgs> inputs, ProgressSink? progress = null, CancellationToken cancellationToken = default);
}
