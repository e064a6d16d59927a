using Forklift.Dispatch;
using Forklift.Workers;

namespace Forklift;

/// <content>The synchronous call, and the caller that reads its own answer (leader/follower).</content>
public sealed partial class WorkerPool
{
    private long _callsLedByCaller;

    /// <summary>How many calls a synchronous caller read the answer of itself (for tests and benchmarks).</summary>
    internal long CallsLedByCaller => Interlocked.Read(ref _callsLedByCaller);

    /// <summary>Runs one call in a worker and waits for its result on the calling thread.</summary>
    /// <param name="method">The generated method descriptor.</param>
    /// <param name="args">The arguments (a value tuple for several parameters, <see cref="Unit"/> for none).</param>
    /// <param name="progress">Receives the progress reports of the call, if the method reports any (on the pool's
    /// reading thread, as for <see cref="InvokeAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the call, as for <see cref="InvokeAsync"/>.</param>
    /// <returns>The result. Faults are thrown as they end <see cref="InvokeAsync"/>'s task: the method's own exception
    /// for well-known framework types, otherwise <see cref="RemoteException"/>, <see cref="WorkerCrashedException"/>,
    /// <see cref="WorkerTimeoutException"/>, <see cref="WorkerStartException"/>,
    /// <see cref="OperationCanceledException"/>, <see cref="ObjectDisposedException"/>.</returns>
    /// <remarks>
    /// <para>The same call as <c>InvokeAsync(…).GetAwaiter().GetResult()</c>, with the same queue, retries, timeouts
    /// and faults, but faster for a caller that blocks anyway: on Linux, when an idle worker takes the call at once,
    /// no progress is asked for and <paramref name="cancellationToken"/> cannot be cancelled, the calling thread
    /// writes the request and reads the answer from the worker's pipe itself, while the pool's reading thread for
    /// that worker stays parked (it still sees at once if the worker dies). So a round trip wakes no thread but the
    /// worker's and the caller's, as a raw pipe ping-pong does. Otherwise (a queued call, progress, a token that can
    /// fire, another platform) the caller waits for the answer that the reading thread delivers.</para>
    /// <para>Blocks the calling thread: do not call it from a thread that must stay responsive (a UI thread), nor
    /// from code the pool calls back (a progress handler).</para>
    /// </remarks>
    public TResult Invoke<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args, ProgressSink? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        cancellationToken.ThrowIfCancellationRequested();
        if (_inProcessSlots is not null)
        {
            return InvokeInProcessAsync(method, args, progress, messagePrefix: null, cancellationToken).GetAwaiter().GetResult();
        }

        var call = new SingleCall<TArgs, TResult>(method, args, progress, cancellationToken);

        // Progress and a cancellation that can fire are delivered by other threads while the call runs; keeping them
        // on the usual path keeps the caller's own reading to one question: is my answer here?
        Submit(call, progress is null && !cancellationToken.CanBeCanceled ? CallerLead.UntilAnswered : CallerLead.No);
        return call.Task.GetAwaiter().GetResult();
    }

    /// <summary>The caller owns <paramref name="worker"/>'s response pipe (<see cref="WorkerProcess.TryLead"/>): it writes
    /// the request and reads frames until its call has an outcome, then hands the pipe back.</summary>
    /// <remarks>Every frame is handled by the code the reading thread runs (<see cref="OnResponse"/> and the rest), so
    /// the call ends, and the worker is released or given its next call, exactly as it would be there. If the
    /// connection ends while the caller reads (a crash, a kill), the reading thread reports the loss as usual and the
    /// call ends as a lost worker's call does (<see cref="WorkerCrashedException"/>, or a retry).</remarks>
    private void LeadCall(WorkerProcess worker, PendingCall call)
    {
        Interlocked.Increment(ref _callsLedByCaller);
        try
        {
            // Whatever the size: unlike InvokeAsync, this caller waits for the answer anyway.
            Send(worker, call);
        }
        catch
        {
            // Send handles the errors of writing and encoding itself; anything else must not leave the pipe owned.
            worker.HandBack();
            throw;
        }

        if (worker.Lead(call))
        {
            worker.HandBack();
        }
    }

    /// <summary>Whether <paramref name="worker"/> has a call whose answer is still to be read.</summary>
    internal bool HasCallInFlight(WorkerProcess worker)
    {
        lock (_scheduler.Gate)
        {
            return worker.Current is not null || worker.Next is not null;
        }
    }
}
