using System.Diagnostics;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Forklift.Transport;

/// <summary>
/// The parent's read end of a worker's response pipe (Linux), read either by the pool's reading thread or, for a
/// synchronous call, by the calling thread itself, which then reads its own response as a raw pipe ping-pong does
/// (leader/follower): no other thread wakes between the request and the result.
/// </summary>
/// <remarks>
/// <para><b>Owners.</b> One owner reads at a time, handed over by compare-and-swap on <see cref="_owner"/>:
/// the reading thread (waiting for data, <see cref="ReaderTurn"/>, or reading a frame, <see cref="ReaderReading"/>),
/// a caller (<see cref="CallerReading"/>), or nobody (<see cref="Parked"/>: a caller handed back a worker with
/// nothing in flight). A caller takes the pipe only from <see cref="ReaderTurn"/> or <see cref="Parked"/>, which the
/// reading thread enters only with an empty frame buffer, so whoever reads next starts at a frame boundary. The
/// reading thread reads only after its own successful swap, so it never takes a caller's bytes even when
/// <c>poll</c> wakes it for them.</para>
/// <para><b>Wake-ups.</b> While it does not own the pipe the reading thread polls the pipe for its end only (no
/// <c>POLLIN</c>, so a caller's response does not wake it; <c>POLLHUP</c> is always reported) and an eventfd that
/// whoever hands the pipe back to it signals. So a worker that dies while parked is seen at once, as an idle worker's
/// death always was, and a caller that calls again and again wakes nobody. When the pipe ends while a caller owns it,
/// the caller sees the end too and hands back with <see cref="Close"/>, which signals; the reading thread then reports
/// the loss with the caller's error (<see cref="Error"/>), exactly as if it had read the end itself.</para>
/// <para><b>Bounds.</b> A caller blocks in <c>read</c>, as the raw ping-pong does (a <c>poll</c> before each read
/// would cost about half a microsecond per call). Its wait ends with the worker: the pipe ends when the worker dies or
/// is killed, and every kill by the pool (a timeout, <c>Terminate</c>) also <see cref="Poke">pokes</see> the pipe, so
/// a caller still reading then returns even if the kill did not end the pipe (a process that inherited the worker's
/// end against the pool's rules, a worker the kernel has not yet torn down). The caller then breaks off: the
/// connection is doomed anyway. Where the pipe cannot be poked (no <c>/proc</c>), <see cref="TryCreate"/> gives no
/// hand-off pipe and callers wait for the reading thread as before.</para>
/// </remarks>
internal sealed unsafe class HandOffPipe : Stream
{
    /// <summary>How many times a caller spins for the reading thread to finish its frame before it leaves the answer
    /// to that thread (about as long as one frame's handling; beyond about ten spins each one yields the core).</summary>
    private const int LeadSpins = 20;

    /// <summary>How long <see cref="WaitForData"/> asks without sleeping: 20 µs, a few trivial round trips.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 50_000;

    private const int ReaderTurn = 0;
    private const int ReaderReading = 1;
    private const int Parked = 2;
    private const int CallerReading = 3;
    private const int Closed = 4;

    private readonly PipeStream _pipe;
    private readonly SafePipeHandle _handle;
    private readonly int _fd;

    // The eventfd that wakes the reading thread; a SafeHandle so a late signal never writes to a reused descriptor.
    private readonly SafeFileHandle _wake;
    private readonly int _wakeFd;

    // The reading thread reads the handshake first.
    private int _owner = ReaderReading;

    // Set by the reading thread when it waits for nothing but a signal (the pipe ended while a caller owns it), so a
    // caller that parks the pipe signals it.
    private int _readerNeedsSignal;

    // The pool killed the worker while a caller read: what the caller reads from now on may be the poke's byte.
    private int _poked;

    private HandOffPipe(PipeStream pipe, int wakeFd)
    {
        _pipe = pipe;
        _handle = pipe.SafePipeHandle;
        _fd = (int)_handle.DangerousGetHandle();
        _wakeFd = wakeFd;
        _wake = new SafeFileHandle(wakeFd, ownsHandle: true);
    }

    /// <summary>The error a caller met while it owned the pipe and the connection ended (<see cref="Close"/>);
    /// <see langword="null"/> for a plain end of the stream.</summary>
    public Exception? Error { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>A hand-off pipe over <paramref name="responses"/> on Linux; <see langword="null"/> elsewhere (the
    /// reading thread then reads the stream as it is).</summary>
    public static HandOffPipe? TryCreate(Stream responses)
    {
        if (!OperatingSystem.IsLinux() || responses is not PipeStream pipe)
        {
            return null;
        }

        int fd = (int)pipe.SafePipeHandle.DangerousGetHandle();
        int writer = OpenWriter(fd);
        if (writer < 0)
        {
            // The pipe could not be poked: a caller's read would be bounded only by the worker's end.
            return null;
        }

        _ = PosixInterop.Close(writer);
        int wake = PosixInterop.EventFd(0, PosixInterop.EFD_CLOEXEC);
        return wake < 0 ? null : new HandOffPipe(pipe, wake);
    }

    /// <summary>A caller takes the pipe to read its own response; <see langword="false"/> if the reading thread is in
    /// the middle of a frame or the connection ended (the caller then leaves its response to the reading thread).</summary>
    public bool TryLead()
    {
        // The worker is idle, so a reading thread still in its turn is finishing the frame that made it idle (the
        // previous answer, delivered to a caller who called again at once): worth a few spins, not a wait.
        var spinner = default(SpinWait);
        while (true)
        {
            int owner = Volatile.Read(ref _owner);
            if (owner is ReaderTurn or Parked && Interlocked.CompareExchange(ref _owner, CallerReading, owner) == owner)
            {
                return true;
            }

            if (owner != ReaderReading || spinner.Count >= LeadSpins)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>The worker was killed: a caller blocked reading the pipe returns and breaks off (see the remarks),
    /// even if the kill did not end the pipe. Any thread; a no-op unless a caller reads.</summary>
    public void Poke()
    {
        if (Volatile.Read(ref _owner) != CallerReading || Interlocked.Exchange(ref _poked, 1) != 0)
        {
            return;
        }

        // Our own read end, opened again for writing through /proc, gives a writer for one byte; closed at once, so
        // the pipe still ends with the worker. The reference keeps the descriptor number ours meanwhile (the caller
        // may hand back and the reading thread close the pipe between the check above and the open).
        bool added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            int writer = OpenWriter(_fd);
            if (writer >= 0)
            {
                byte poke = 0;
                _ = PosixInterop.Write(writer, &poke, 1);
                _ = PosixInterop.Close(writer);
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed already: nobody reads it any more.
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    /// <summary>The leading caller is done and the connection goes on: the reading thread reads next if
    /// <paramref name="readerNeeded"/> (a call is in flight, or bytes are buffered), otherwise nobody reads until a
    /// request is written (<see cref="EnsureReading"/>) or another caller leads.</summary>
    public void HandBack(bool readerNeeded)
    {
        Interlocked.Exchange(ref _owner, readerNeeded ? ReaderTurn : Parked);
        if (readerNeeded || Volatile.Read(ref _readerNeedsSignal) != 0)
        {
            Signal();
        }
    }

    /// <summary>The leading caller met the end of the connection (or broke off in a frame): nobody reads this pipe again,
    /// and the reading thread reports the loss with <paramref name="error"/>.</summary>
    public void Close(Exception? error)
    {
        Error = error;
        Interlocked.Exchange(ref _owner, Closed);
        Signal();
    }

    /// <summary>A request was written: if nobody reads the pipe, the reading thread does from now on.</summary>
    public void EnsureReading()
    {
        if (Volatile.Read(ref _owner) == Parked && Interlocked.CompareExchange(ref _owner, ReaderTurn, Parked) == Parked)
        {
            Signal();
        }
    }

    /// <summary>The reading thread finished a frame and has nothing buffered: a caller may take the pipe.</summary>
    public void EndTurn() => Interlocked.CompareExchange(ref _owner, ReaderTurn, ReaderReading);

    /// <summary>The reading thread's connection ended: no caller takes the pipe any more.</summary>
    public void MarkClosed() => Interlocked.Exchange(ref _owner, Closed);

    /// <summary>The reading thread waits until it may read a frame: there is data or the end while it is its turn, or
    /// the pipe is handed back to it. <see langword="false"/> if a caller closed the connection (see <see cref="Error"/>).</summary>
    public bool AwaitTurn()
    {
        bool pipeEnded = false;
        PosixInterop.PollFd* fds = stackalloc PosixInterop.PollFd[2];
        while (true)
        {
            int owner = Volatile.Read(ref _owner);
            if (owner == Closed)
            {
                return false;
            }

            fds[0] = new PosixInterop.PollFd { Fd = _wakeFd, Events = PosixInterop.POLLIN };
            fds[1] = new PosixInterop.PollFd { Fd = _fd, Events = owner == ReaderTurn ? PosixInterop.POLLIN : (short)0 };
            nuint count = 2;
            if (owner == CallerReading && pipeEnded)
            {
                // The pipe's end would wake us again and again: wait for the caller, who sees the end too, to close.
                Interlocked.Exchange(ref _readerNeedsSignal, 1);
                if (Volatile.Read(ref _owner) != owner)
                {
                    Volatile.Write(ref _readerNeedsSignal, 0);
                    continue;
                }

                count = 1;
            }

            int n = PosixInterop.Poll(fds, count, -1);
            Volatile.Write(ref _readerNeedsSignal, 0);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == PosixInterop.EINTR)
                {
                    continue;
                }

                throw new IOException($"poll on a worker's response pipe failed (errno {Marshal.GetLastPInvokeError()}).");
            }

            bool signaled = (fds[0].ReturnedEvents & PosixInterop.POLLIN) != 0;
            if (signaled)
            {
                ulong value;
                _ = PosixInterop.Read(_wakeFd, &value, sizeof(ulong));
            }

            // What the poll saw, against who owns the pipe now (it may have changed while we waited).
            bool pipeEvent = count == 2 && fds[1].ReturnedEvents != 0;
            bool pipeEndedNow = pipeEvent && (fds[1].ReturnedEvents & (PosixInterop.POLLHUP | PosixInterop.POLLERR)) != 0;
            int now = Volatile.Read(ref _owner);
            if (now == ReaderTurn && (pipeEvent || signaled) && Interlocked.CompareExchange(ref _owner, ReaderReading, ReaderTurn) == ReaderTurn)
            {
                // Data or the end in our turn, or the pipe handed to us: a call is in flight (a blocking read is then
                // right) or the caller left bytes in the frame buffer, which the pipe's poll would not show.
                return true;
            }

            if (now == Parked && pipeEndedNow && Interlocked.CompareExchange(ref _owner, ReaderReading, Parked) == Parked)
            {
                // The end of an idle worker's pipe.
                return true;
            }

            if (now == CallerReading && pipeEndedNow)
            {
                pipeEnded = true;
            }
        }
    }

    /// <summary>A leading caller that may wait only until <paramref name="deadline"/> (a <see cref="Stopwatch"/>
    /// timestamp) waits for the pipe to have data or end, without reading; <see langword="false"/> if the deadline
    /// passed first. So a caller that gives up has taken no byte of the pipe, and hands it back at a frame boundary.</summary>
    /// <remarks>
    /// <para>For the first <see cref="SpinTicks"/> it asks without sleeping (<c>poll</c> with no timeout), then sleeps
    /// in <c>ppoll</c> for the rest. A trivial answer comes within the spin, and a caller that never slept is not
    /// woken: measured side by side (2026-11-30, load 6-7), an awaited trivial call took 4.8 µs spinning against
    /// 5.2-8.8 µs sleeping. Spinning longer would burn a core for calls that are not coming back soon.</para>
    /// <para>A poke (a kill while the caller leads) makes the pipe readable too: the caller then reads the poke's
    /// byte and breaks off as a blocked reader would (<see cref="Read(Span{byte})"/>).</para>
    /// </remarks>
    public bool WaitForData(long deadline)
    {
        var fd = new PosixInterop.PollFd { Fd = _fd, Events = PosixInterop.POLLIN };
        long spinUntil = Math.Min(deadline, Stopwatch.GetTimestamp() + SpinTicks);
        do
        {
            if (PosixInterop.Poll(&fd, 1, 0) > 0)
            {
                return true;
            }
        }
        while (Stopwatch.GetTimestamp() < spinUntil);

        while (true)
        {
            long remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                // One last look without waiting: an answer that came just as the time ran out is still ours to read.
                return PosixInterop.Poll(&fd, 1, 0) > 0;
            }

            // The kernel may end this up to the thread's timer slack (50 µs by default) late; an answer ends it at once.
            long nanoseconds = (long)(remaining * (1_000_000_000.0 / Stopwatch.Frequency));
            var timeout = new PosixInterop.TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            int n = PosixInterop.PPoll(&fd, 1, &timeout, null);
            if (n > 0)
            {
                return true;
            }

            if (n < 0 && Marshal.GetLastPInvokeError() != PosixInterop.EINTR)
            {
                throw new IOException($"poll on a worker's response pipe failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
    }

    public override int Read(Span<byte> buffer)
    {
        int n = _pipe.Read(buffer);
        if (Volatile.Read(ref _poked) != 0 && Volatile.Read(ref _owner) == CallerReading)
        {
            // What was read may be the poke's byte: nothing from here on can be read as frames.
            throw new IOException("The worker was killed while its caller read its answer.");
        }

        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            MarkClosed();
            _pipe.Dispose();
            _wake.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Opens <paramref name="fd"/>'s pipe again for writing (never blocking), or returns -1.</summary>
    private static int OpenWriter(int fd)
    {
        byte* path = stackalloc byte[32];
        var text = new Span<byte>(path, 31);
        if (!System.Text.Unicode.Utf8.TryWrite(text, System.Globalization.CultureInfo.InvariantCulture, $"/proc/self/fd/{fd}", out int written))
        {
            return -1;
        }

        path[written] = 0;
        return PosixInterop.Open(path, PosixInterop.O_WRONLY | PosixInterop.O_NONBLOCK | PosixInterop.O_CLOEXEC);
    }

    private void Signal()
    {
        bool added = false;
        try
        {
            _wake.DangerousAddRef(ref added);
            ulong one = 1;
            _ = PosixInterop.Write(_wakeFd, &one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // The connection is gone and nobody waits for the signal.
        }
        finally
        {
            if (added)
            {
                _wake.DangerousRelease();
            }
        }
    }
}
