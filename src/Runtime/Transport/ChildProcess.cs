namespace Forklift.Transport;

/// <summary>How a child process ended: an exit code, or the signal that killed it (Unix).</summary>
internal readonly record struct ChildExit(int? ExitCode, int? Signal)
{
    /// <summary>Unknown: somebody else reaped the process (e.g. the app set SIGCHLD to SIG_IGN).</summary>
    public static ChildExit Unknown => default;
}

/// <summary>
/// A started worker process and the parent's ends of its four channels: requests (parent → worker), responses
/// (worker → parent), and the worker's standard output and standard error.
/// </summary>
/// <remarks>
/// This is the transport seam: <see cref="SpawnedProcess"/> on Linux gives the protocol descriptors of their own that no
/// grandchild inherits and puts the worker in a process group of its own; <see cref="RedirectedProcess"/> elsewhere
/// uses <see cref="System.Diagnostics.Process"/> with the protocol on redirected standard input and output.
/// <see cref="Kill"/> and <see cref="Exited"/> may be used from any thread; each stream has one user.
/// </remarks>
internal abstract class ChildProcess : IDisposable
{
    public abstract int ProcessId { get; }

    public abstract Stream Requests { get; }

    public abstract Stream Responses { get; }

    public abstract Stream StandardOutput { get; }

    public abstract Stream StandardError { get; }

    /// <summary>Completes (asynchronously) once the process has exited and been reaped.</summary>
    public abstract Task<ChildExit> Exited { get; }

    /// <summary>Starts a worker process with the best transport of this platform.</summary>
    /// <param name="fileName">The executable (a bare name is looked up on PATH).</param>
    /// <param name="arguments">The arguments after the program name.</param>
    /// <param name="environment">Variables to set (or, with a <see langword="null"/> value, remove) on top of this process's environment.</param>
    public static ChildProcess Start(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
        => OperatingSystem.IsLinux()
            ? SpawnedProcess.Start(fileName, arguments, environment)
            : RedirectedProcess.Start(fileName, arguments, environment);

    /// <summary>Kills the process at once (SIGKILL); does nothing once it has exited.</summary>
    public abstract void Kill();

    /// <summary>Whether everything the process wrote to <see cref="StandardError"/> before it exited can already have
    /// been read: called after <see cref="Exited"/>, it lets a reader stop waiting for an end of file that a grandchild
    /// holding the pipe would delay.</summary>
    public abstract bool StandardErrorIsEmpty();

    /// <summary>Blocks until <see cref="StandardError"/> has bytes to read or has ended (no-op where not supported).</summary>
    public abstract void WaitForStandardError();

    /// <summary>Closes the protocol streams. <see cref="StandardOutput"/> and <see cref="StandardError"/> belong to
    /// their readers, which close them at their end (a grandchild may keep them open long after the worker).</summary>
    public abstract void Dispose();
}
