using System.Runtime.InteropServices;

namespace Forklift.Transport;

/// <summary>
/// Where a second thread sleeps until a worker's response pipe has data or ends, armed and disarmed by the thread that
/// reads the pipe without waking the sleeper (Linux epoll, x64).
/// </summary>
/// <remarks>
/// The thread that read an answer may run the caller's continuation only if another thread will read the next answer
/// in the meantime. Waking that thread for every answer costs a wake per call, which on two cores delays the worker
/// itself; instead the reading thread arms the pipe in this epoll set (<see cref="Arm"/>: one <c>epoll_ctl</c>), so the
/// spare wakes only if an answer arrives, or the pipe ends, while the continuation still runs, and disarms it when the
/// continuation returned first (<see cref="Disarm"/>). The pipe is registered once, one-shot and with no events while
/// disarmed, so each arming wakes the spare at most once. The pipe's hand-back signal wakes the spare too (a
/// synchronous caller may hand back bytes it read past its answer, which no pipe event announces), and an eventfd
/// (<see cref="Wake"/>) ends the wait when the connection ends.
/// </remarks>
internal sealed unsafe class SpareReaderWait : IDisposable
{
    private const ulong PipeToken = 1;
    private const ulong WakeToken = 2;
    private const ulong HandBackToken = 3;

    private readonly int _epoll;
    private readonly int _wake;
    private readonly int _pipe;
    private int _disposed;

    private SpareReaderWait(int epoll, int wake, int pipe)
    {
        _epoll = epoll;
        _wake = wake;
        _pipe = pipe;
    }

    /// <summary>A wait on <paramref name="pipe"/>; <see langword="null"/> where epoll is not available or its event layout
    /// is not the one <see cref="PosixInterop.EpollEvent"/> describes (then answers go to the thread pool as before).</summary>
    public static SpareReaderWait? TryCreate(HandOffPipe pipe)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return null;
        }

        int epoll = PosixInterop.EpollCreate(PosixInterop.EPOLL_CLOEXEC);
        if (epoll < 0)
        {
            return null;
        }

        int wake = PosixInterop.EventFd(0, PosixInterop.EFD_CLOEXEC | PosixInterop.EFD_NONBLOCK);
        var wakeEvent = new PosixInterop.EpollEvent { Events = PosixInterop.EPOLLIN, Data = WakeToken };
        var pipeEvent = new PosixInterop.EpollEvent { Events = PosixInterop.EPOLLONESHOT, Data = PipeToken };

        // The pipe's own hand-back signal (a synchronous caller left buffered bytes, or closed the pipe): edge-triggered,
        // so the spare wakes once per signal and never spins on one the holder has not read yet.
        var handBackEvent = new PosixInterop.EpollEvent { Events = PosixInterop.EPOLLIN | PosixInterop.EPOLLET, Data = HandBackToken };
        if (wake < 0
            || PosixInterop.EpollControl(epoll, PosixInterop.EPOLL_CTL_ADD, wake, &wakeEvent) != 0
            || PosixInterop.EpollControl(epoll, PosixInterop.EPOLL_CTL_ADD, pipe.Descriptor, &pipeEvent) != 0
            || PosixInterop.EpollControl(epoll, PosixInterop.EPOLL_CTL_ADD, pipe.WakeDescriptor, &handBackEvent) != 0)
        {
            if (wake >= 0)
            {
                _ = PosixInterop.Close(wake);
            }

            _ = PosixInterop.Close(epoll);
            return null;
        }

        return new SpareReaderWait(epoll, wake, pipe.Descriptor);
    }

    /// <summary>From now on data or the end of the pipe wakes the spare (once). <see langword="false"/> if it could
    /// not be armed.</summary>
    public bool Arm() => Control(PosixInterop.EPOLLIN | PosixInterop.EPOLLONESHOT);

    /// <summary>Data no longer wakes the spare (the end of the pipe still may, once).</summary>
    public void Disarm() => Control(PosixInterop.EPOLLONESHOT);

    /// <summary>Sleeps until the armed pipe is readable or ended, <see cref="Wake"/> was called, or a signal; the
    /// caller looks at why itself.</summary>
    public void Wait()
    {
        PosixInterop.EpollEvent* events = stackalloc PosixInterop.EpollEvent[3];
        if (PosixInterop.EpollWait(_epoll, events, 3, -1) < 0 && Marshal.GetLastPInvokeError() != PosixInterop.EINTR)
        {
            throw new IOException($"epoll_wait for a worker's response pipe failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Ends every present and future <see cref="Wait"/> at once (the eventfd stays readable).</summary>
    public void Wake()
    {
        ulong one = 1;
        _ = PosixInterop.Write(_wake, &one, sizeof(ulong));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ = PosixInterop.Close(_epoll);
            _ = PosixInterop.Close(_wake);
        }
    }

    private bool Control(uint events)
    {
        var pipeEvent = new PosixInterop.EpollEvent { Events = events, Data = PipeToken };
        return PosixInterop.EpollControl(_epoll, PosixInterop.EPOLL_CTL_MOD, _pipe, &pipeEvent) == 0;
    }
}
