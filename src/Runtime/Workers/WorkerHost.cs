using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Forklift.Dispatch;
using Forklift.Protocol;
using Forklift.Transport;

namespace Forklift;

/// <summary>Turns a process into a Forklift worker.</summary>
/// <remarks>
/// Framework-dependent apps need nothing: workers start as <c>dotnet exec … Forklift.dll</c>. Self-contained and
/// single-file apps start themselves as workers, so their <c>Main</c> must begin with
/// <c>if (WorkerHost.TryRunAsWorker(args)) return;</c>.
/// </remarks>
public static class WorkerHost
{
    // Kept alive for the life of the worker: disposing it restores the default action (exit) for SIGINT.
    private static PosixSignalRegistration? s_interrupts;

    /// <summary>
    /// When this process was started as a worker, runs the worker until the parent stops it, then exits the process
    /// (it does not return). Otherwise returns <see langword="false"/> at once.
    /// </summary>
    /// <param name="args">The arguments of <c>Main</c>.</param>
    public static bool TryRunAsWorker(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 3 || args[0] != ProtocolConstants.WorkerSwitch)
        {
            return false;
        }

        Environment.Exit(Run(args));
        return true;
    }

    internal static int Run(string[] args)
    {
        if (!int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int version) || version != ProtocolConstants.Version)
        {
            Console.Error.WriteLine($"forklift worker: protocol version {args[1]} requested, this Forklift.dll speaks {ProtocolConstants.Version}.");
            return 2;
        }

        _ = int.TryParse(args[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int parentPid);
        string? secret = WorkerStdio.TakeWorkerSecret();
        (Stream input, Stream output) = WorkerStdio.Open();
        IgnoreInterrupts();
        WatchParent(parentPid);
        var dispatcher = new WorkerDispatcher(output, secret, parentPid);

        // The handshake frame is small; the real limit comes in it.
        int exitCode = dispatcher.Run(input, 16 * 1024 * 1024);
        if (dispatcher.InputEnded)
        {
            DeleteSegmentsIfParentDied(parentPid);
        }

        return exitCode;
    }

    /// <summary>Our input ended without a Shutdown: if the parent died (we get reparented), nobody will read or delete
    /// the large messages it had in flight, so we do. The kernel closes a dying process's descriptors before it
    /// reparents its children, so this waits a moment (at most 1 s) for the reparenting to show.</summary>
    private static void DeleteSegmentsIfParentDied(int parentPid)
    {
        if (parentPid <= 0 || OperatingSystem.IsWindows())
        {
            return;
        }

        long deadline = Environment.TickCount64 + 1000;
        while (WorkerStdio.ParentProcessId() == parentPid)
        {
            if (Environment.TickCount64 > deadline)
            {
                return;
            }

            Thread.Sleep(10);
        }

        SharedMemorySegment.DeleteAll(parentPid);
    }

    /// <summary>
    /// Ctrl+C is the app's to handle (it may drain its calls); a worker stops when its pool says so or its parent
    /// dies. On Linux workers lead a process group of their own, so a terminal's SIGINT never reaches them; this
    /// covers the other platforms and a SIGINT sent to the worker itself.
    /// </summary>
    private static void IgnoreInterrupts()
    {
        try
        {
            s_interrupts = PosixSignalRegistration.Create(PosixSignal.SIGINT, static context => context.Cancel = true);
        }
        catch (PlatformNotSupportedException)
        {
        }
    }

    /// <summary>
    /// Exits when the parent dies. Closing our input (the parent's end of the pipe) already does that while the worker
    /// is idle; this also covers a worker busy in a long call, which is not reading.
    /// </summary>
    private static void WatchParent(int parentPid)
    {
        if (parentPid <= 0)
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            if (WorkerStdio.ParentProcessId() != parentPid)
            {
                return;
            }

            var watcher = new Thread(() =>
            {
                while (WorkerStdio.ParentProcessId() == parentPid)
                {
                    Thread.Sleep(200);
                }

                SharedMemorySegment.DeleteAll(parentPid);

                Environment.Exit(4);
            })
            { IsBackground = true, Name = "Forklift parent watch" };
            watcher.Start();
            return;
        }

        try
        {
            Process parent = Process.GetProcessById(parentPid);
            var watcher = new Thread(() =>
            {
                parent.WaitForExit();
                Environment.Exit(4);
            })
            { IsBackground = true, Name = "Forklift parent watch" };
            watcher.Start();
        }
        catch (ArgumentException)
        {
            Environment.Exit(4);
        }
    }
}

/// <summary>The entry point of Forklift.dll when it is started as a worker by <c>dotnet exec</c>.</summary>
internal static class WorkerEntryPoint
{
    public static int Main(string[] args)
    {
        if (args.Length >= 3 && args[0] == ProtocolConstants.WorkerSwitch)
        {
            return WorkerHost.Run(args);
        }

        Console.Error.WriteLine("Forklift.dll is a library; it runs as a worker process only when a WorkerPool starts it.");
        return 1;
    }
}
