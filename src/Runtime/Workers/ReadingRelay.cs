using Forklift.Transport;

namespace Forklift.Workers;

/// <summary>
/// The role of reading a worker's responses, passed between two threads (leader/follower), so that the thread that
/// read an answer can run the awaiting caller's continuation itself without ever leaving the worker's pipe unread.
/// </summary>
/// <remarks>
/// <para><b>Why.</b> A caller's continuation must never run on a thread the reading of the worker's answers waits for:
/// a continuation that blocks, or waits synchronously for another call to the same worker, would stall every later
/// answer (and deadlock on itself). Handing each answer to the thread pool keeps that promise but costs every call
/// one more thread wake (on an idle core, tens of microseconds). Instead, the thread that read the answer offers the
/// reading role to the other thread (<see cref="TryOffer"/>), then runs the continuation itself.</para>
/// <para><b>No wake per call.</b> Offering wakes nobody: it arms the pipe in the spare's epoll set
/// (<see cref="SpareReaderWait"/>), so the spare wakes only if an answer arrives, or the pipe ends, while the
/// continuation still runs. A continuation that returns first (an <c>await</c> loop sends its next call and returns)
/// takes the role back (<see cref="Reclaim"/>) and disarms the pipe: the round trip then wakes no thread but the one
/// reading, as a raw pipe ping-pong does.</para>
/// <para><b>Invariant.</b> The role is offered only while the other thread waits in <see cref="WaitForRole"/> (not in a
/// continuation of its own), so whenever nobody holds the role a thread in this code will take it when there is
/// something to read. While the other thread still runs a continuation, the holder keeps the role and hands its
/// answer to the thread pool instead (the old path): no number of blocked continuations stalls the reading, and two
/// threads are always enough. The spare thread is started the first time the role could have been offered.</para>
/// </remarks>
internal sealed class ReadingRelay(SpareReaderWait wait, Action startSpare)
{
    private const int Held = 0;
    private const int Offered = 1;
    private const int Closed = 2;

    private int _role = Held;

    // 1 while a thread waits in WaitForRole.
    private int _idle;
    private int _spareStarted;

    // Threads that still use `wait`; the last one to leave disposes it.
    private int _threads = 1;

    /// <summary>The holder, with nothing buffered, wants to run a continuation: offers the role and returns
    /// <see langword="true"/> (it no longer holds it), or keeps it and returns <see langword="false"/> (the other
    /// thread is itself in a continuation, or not started yet).</summary>
    public bool TryOffer()
    {
        if (Volatile.Read(ref _idle) == 0)
        {
            if (Interlocked.Exchange(ref _spareStarted, 1) == 0)
            {
                Interlocked.Increment(ref _threads);
                startSpare();
            }

            return false;
        }

        // Offered before armed: a spare woken by the pipe must find the role to take.
        Volatile.Write(ref _role, Offered);
        if (wait.Arm())
        {
            return true;
        }

        // Not armed, so the spare cannot be woken for an answer: keep the role unless it took it on its way in.
        return Interlocked.CompareExchange(ref _role, Held, Offered) != Offered;
    }

    /// <summary>After its continuation, a former holder takes the role back if the spare has not taken it.</summary>
    public bool Reclaim()
    {
        if (Interlocked.CompareExchange(ref _role, Held, Offered) != Offered)
        {
            return false;
        }

        wait.Disarm();
        return true;
    }

    /// <summary>Waits as the spare until the role is offered and there is something to read (or the pipe ended), and
    /// takes it; <see langword="false"/> once the connection ended (the thread then leaves).</summary>
    public bool WaitForRole()
    {
        Interlocked.Increment(ref _idle);
        try
        {
            while (true)
            {
                int role = Volatile.Read(ref _role);
                if (role == Closed)
                {
                    return false;
                }

                if (role == Offered && Interlocked.CompareExchange(ref _role, Held, Offered) == Offered)
                {
                    wait.Disarm();
                    return true;
                }

                wait.Wait();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _idle);
        }
    }

    /// <summary>The holder's connection ended: nobody reads any more, and the spare ends.</summary>
    public void Close()
    {
        Volatile.Write(ref _role, Closed);
        wait.Wake();
    }

    /// <summary>A reading thread ends (after <see cref="Close"/>, or <see cref="WaitForRole"/> returned
    /// <see langword="false"/>).</summary>
    public void Leave()
    {
        if (Interlocked.Decrement(ref _threads) == 0)
        {
            wait.Dispose();
        }
    }
}
