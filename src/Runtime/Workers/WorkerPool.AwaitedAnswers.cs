using System.Diagnostics;
using Forklift.Workers;

namespace Forklift;

/// <content>The awaiting caller that reads its own answer for a short window (Linux): the asynchronous call's fast path.</content>
public sealed partial class WorkerPool
{
    /// <summary>How long an awaiting caller waits for its own answer (<see cref="LeadBriefly"/>): 20 µs, several times a
    /// trivial round trip (4-7 µs here), all of it spent asking the pipe without sleeping (see
    /// <see cref="Transport.HandOffPipe.WaitForData"/>). Not longer: a burst of calls (<c>Task.WhenAll</c> over
    /// <see cref="InvokeAsync"/>) whose answers come within the window runs one call at a time, and with a 50 µs window
    /// a burst of 20 µs calls on two workers took 24-31 µs a call against 14-18 µs before; with 20 µs, 14 µs.</summary>
    internal static readonly long DefaultAwaitedAnswerWindow = Stopwatch.Frequency / 50_000;

    /// <summary>The window of this pool (<see cref="Stopwatch"/> ticks): <see cref="DefaultAwaitedAnswerWindow"/>; tests
    /// widen it to act while a caller waits, or set it to 0 to turn the fast path off.</summary>
    internal long AwaitedAnswerWindow { get; set; } = DefaultAwaitedAnswerWindow;

    /// <summary>The wait's timeout is a 64-bit <c>struct timespec</c> (see <c>PosixInterop.TimeSpec</c>).</summary>
    private static readonly bool CanWaitBriefly = Environment.Is64BitProcess;

    private long _answersReadByAwaitingCaller;
    private long _awaitedAnswersLeftToReader;

    /// <summary>How many answers an <see cref="InvokeAsync"/> caller read itself, so that the task it returned was already
    /// complete (for tests and benchmarks).</summary>
    internal long AnswersReadByAwaitingCaller => Interlocked.Read(ref _answersReadByAwaitingCaller);

    /// <summary>How many times an <see cref="InvokeAsync"/> caller waited the whole window in vain and left the answer
    /// to the reading thread (for tests).</summary>
    internal long AwaitedAnswersLeftToReader => Interlocked.Read(ref _awaitedAnswersLeftToReader);

    /// <summary>Whether, and how long, the submitting thread reads its own call's answer (see <see cref="Submit"/>).</summary>
    private enum CallerLead
    {
        /// <summary>The reading thread reads the answer.</summary>
        No,

        /// <summary>The caller blocks until the call ends (<see cref="Invoke"/>).</summary>
        UntilAnswered,

        /// <summary>The caller will await the task (<see cref="InvokeAsync"/>): it waits at most <see cref="AwaitedAnswerWindow"/>.</summary>
        Briefly,
    }

    /// <summary>The caller of <see cref="InvokeAsync"/> owns <paramref name="worker"/>'s response pipe
    /// (<see cref="WorkerProcess.TryLead"/>): it writes the request and waits at most <see cref="AwaitedAnswerWindow"/>
    /// for the answer. If it comes, the caller handles it with the reading thread's code, so the task is complete
    /// before <see cref="InvokeAsync"/> returns it and an <c>await</c> goes on at once, on this thread, with no thread
    /// woken to run it. If not, the caller hands the pipe back with no byte of the answer read, and the reading
    /// thread delivers it as for any call.</summary>
    /// <remarks>
    /// <para>After a wait in vain the next calls to that worker do not wait, 1, 2, 4, … up to 64 of them
    /// (<see cref="WorkerProcess.ShouldWaitForAnswer"/>), so a method that runs longer than the window costs its callers
    /// a window once in 65 calls at most. The caller's wait is bounded by the window, not by the worker: it reads only once the
    /// pipe has data, and a frame once begun is one the worker has written (or a kill ends: the pipe's end, or the
    /// poke, as for <see cref="LeadCall"/>).</para>
    /// <para>Faults are those of <see cref="LeadCall"/>: a crash, a kill, a timeout or <c>Terminate</c> while the
    /// caller waits end its turn; the reading thread then reports the loss and completes the task as it would have.</para>
    /// </remarks>
    private void LeadBriefly(WorkerProcess worker, PendingCall call)
    {
        bool written;
        try
        {
            // Only a small request is written here (see SendFromCaller); a large one goes through the thread pool, and
            // its answer through the reading thread.
            written = call.SendFromCaller(worker);
        }
        catch
        {
            worker.HandBack();
            throw;
        }

        if (!written)
        {
            worker.HandBack();
            return;
        }

        switch (worker.Lead(call, Stopwatch.GetTimestamp() + AwaitedAnswerWindow))
        {
            case LeadOutcome.Answered:
                Interlocked.Increment(ref _answersReadByAwaitingCaller);
                worker.HandBack();
                break;
            case LeadOutcome.TimeRanOut:
                // The next calls to this worker do not wait for a while (see ShouldWaitForAnswer).
                Interlocked.Increment(ref _awaitedAnswersLeftToReader);
                worker.RecordWaitInVain();
                worker.HandBack();
                break;
            case LeadOutcome.ConnectionEnded:
                // The pipe is closed; the reading thread reports the loss and ends the call.
                break;
        }
    }
}
