namespace Forklift.Workers;

/// <summary>
/// The role of reading a worker's responses, passed between two threads (leader/follower), so that the thread that
/// read an answer can run the caller's continuation itself without ever leaving the worker's pipe unread.
/// </summary>
/// <remarks>
/// <para><b>Why.</b> An awaiting caller's continuation must never run on the thread that reads the worker's answers:
/// a continuation that blocks, or waits synchronously for another call to the same worker, would stall every later
/// answer (and deadlock on itself). Handing each answer to the thread pool keeps that promise but costs every call
/// one more thread wake, on an idle core tens of microseconds. Instead, the thread that read the answer first gives
/// the reading role to the other thread (<see cref="TryOffer"/>), then runs the continuation inline: the other
/// thread's wake overlaps the caller's work and the worker's, and is not on the way of the answer.</para>
/// <para><b>Invariant.</b> Whenever nobody holds the role it is <see cref="Offered"/>, and a thread that is not running
/// user code (the spare, waiting in <see cref="WaitForRole"/>, already woken) will take it. So the role is offered
/// only while the other thread is idle in <see cref="WaitForRole"/>; while it still runs a continuation of its own,
/// the holder keeps the role and hands its answer to the thread pool instead (the old path), so no number of blocked
/// continuations ever stalls the reading.</para>
/// <para><b>Reclaim.</b> A continuation that returns quickly (an <c>await</c> loop sends its next request and
/// returns) takes the role back at once if the spare has not taken it yet (<see cref="Reclaim"/>): so the next answer
/// does not wait for the spare's wake either. The spare then finds the role held and waits again.</para>
/// <para>The spare thread is started the first time the role could be offered; until it waits, answers go through the
/// thread pool.</para>
/// </remarks>
internal sealed class ReadingRelay(Action startSpare)
{
    private const int Held = 0;
    private const int Offered = 1;
    private const int Closed = 2;

    private readonly object _gate = new();

    // All fields under _gate.
    private int _role = Held;
    private bool _spareStarted;

    // The thread that does not hold the role is in WaitForRole (waiting, or woken and about to look), not in user code.
    private bool _spareIdle;

    // The spare was pulsed and has not looked yet: a second pulse would wake nobody more.
    private bool _sparePulsed;

    /// <summary>The holder wants to run a continuation: offers the role to the idle spare and returns
    /// <see langword="true"/> (the caller no longer holds it), or keeps it and returns <see langword="false"/>
    /// (the spare is itself running a continuation, or not started yet).</summary>
    public bool TryOffer()
    {
        lock (_gate)
        {
            if (!_spareIdle)
            {
                if (!_spareStarted)
                {
                    _spareStarted = true;
                    startSpare();
                }

                return false;
            }

            _role = Offered;
            if (!_sparePulsed)
            {
                _sparePulsed = true;
                Monitor.Pulse(_gate);
            }

            return true;
        }
    }

    /// <summary>After its continuation, a former holder takes the role back if nobody has taken it yet.</summary>
    public bool Reclaim()
    {
        lock (_gate)
        {
            if (_role != Offered)
            {
                return false;
            }

            _role = Held;
            return true;
        }
    }

    /// <summary>Waits, as the spare, until the role is offered and takes it; <see langword="false"/> once the connection
    /// ended (the thread then ends).</summary>
    public bool WaitForRole()
    {
        lock (_gate)
        {
            _spareIdle = true;
            while (_role == Held)
            {
                _sparePulsed = false;
                Monitor.Wait(_gate);
            }

            _sparePulsed = false;
            if (_role == Closed)
            {
                return false;
            }

            _role = Held;
            _spareIdle = false;
            return true;
        }
    }

    /// <summary>The holder's connection ended: nobody reads any more, and a waiting spare ends.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _role = Closed;
            Monitor.PulseAll(_gate);
        }
    }
}
