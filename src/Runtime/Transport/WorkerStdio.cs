using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Forklift.Transport;

/// <summary>
/// The worker's end of its private channel, and the environment variables by which a pool tells a process it is one
/// of its workers.
/// </summary>
/// <remarks>
/// <para>On Linux (<see cref="SpawnedProcess"/>) the protocol arrives on descriptors <see cref="RequestDescriptor"/> and
/// <see cref="ResponseDescriptor"/>; <see cref="Open"/> marks them close-on-exec before any user code runs, so nothing
/// the worker starts inherits them. Standard input is <c>/dev/null</c>, standard output and error are the parent's to
/// forward.</para>
/// <para>Elsewhere (<see cref="RedirectedProcess"/>) the protocol is on standard input and output. So that user code
/// writing to the console cannot corrupt it, <see cref="Open"/> moves the protocol's output to a duplicate of
/// descriptor 1 and points descriptor 1 (and <see cref="Console.Out"/>) at standard error.</para>
/// </remarks>
internal static partial class WorkerStdio
{
    /// <summary>The worker's descriptor for requests (parent → worker) under <see cref="SpawnedProcess"/>.</summary>
    public const int RequestDescriptor = 3;

    /// <summary>The worker's descriptor for responses (worker → parent) under <see cref="SpawnedProcess"/>.</summary>
    public const int ResponseDescriptor = 4;

    /// <summary>Set by the pool for its workers: the secret the first frame must carry (see <see cref="TakeWorkerSecret"/>).
    /// A process that finds it set without running as a worker is the app started again by a pool whose <c>Main</c> lacks
    /// the guard line.</summary>
    public const string WorkerVariable = "FORKLIFT_WORKER";

    /// <summary>Set by the pool when the protocol runs on <see cref="RequestDescriptor"/> and <see cref="ResponseDescriptor"/>.</summary>
    public const string DescriptorsVariable = "FORKLIFT_WORKER_FDS";

    public const string DescriptorsValue = "3,4";

    /// <summary>Whether this process was started by a pool as a worker (read before <see cref="TakeWorkerSecret"/> clears it).</summary>
    public static bool StartedAsWorker => Environment.GetEnvironmentVariable(WorkerVariable) is { Length: > 0 };

    /// <summary>Reads the secret the pool handed this worker and removes it (and the descriptor variable) from the
    /// environment, so processes the worker starts neither see it nor take themselves for workers.</summary>
    public static string? TakeWorkerSecret()
    {
        string? secret = Environment.GetEnvironmentVariable(WorkerVariable);
        Environment.SetEnvironmentVariable(WorkerVariable, null);
        return secret;
    }

    /// <summary>Returns the protocol's input and output streams.</summary>
    public static (Stream Input, Stream Output) Open()
    {
        bool descriptors = Environment.GetEnvironmentVariable(DescriptorsVariable) == DescriptorsValue;
        Environment.SetEnvironmentVariable(DescriptorsVariable, null);
        if (descriptors && OperatingSystem.IsLinux())
        {
            foreach (int fd in new[] { RequestDescriptor, ResponseDescriptor })
            {
                if (PosixInterop.Fcntl(fd, PosixInterop.F_SETFD, PosixInterop.FD_CLOEXEC) < 0)
                {
                    throw new IOException($"Descriptor {fd} is not open: this worker was not started by a Forklift pool (errno {Marshal.GetLastPInvokeError()}).");
                }
            }

            return (
                new FileStream(new SafeFileHandle(RequestDescriptor, ownsHandle: true), FileAccess.Read, bufferSize: 0),
                new FileStream(new SafeFileHandle(ResponseDescriptor, ownsHandle: true), FileAccess.Write, bufferSize: 0));
        }

        Stream input = Console.OpenStandardInput();
        Stream output;
        if (!OperatingSystem.IsWindows())
        {
            int protocolFd = Dup(1);
            if (protocolFd < 0 || Dup2(2, 1) < 0)
            {
                throw new IOException($"Could not move standard output aside (errno {Marshal.GetLastPInvokeError()}).");
            }

            output = new FileStream(new SafeFileHandle(protocolFd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
        }
        else
        {
            output = Console.OpenStandardOutput();
        }

        Console.SetOut(Console.Error);
        return (input, output);
    }

    /// <summary>The parent's process id as the kernel sees it, or -1 where that is not available.</summary>
    public static int ParentProcessId() => OperatingSystem.IsWindows() ? -1 : GetParentPid();

    [LibraryImport("libc", EntryPoint = "dup", SetLastError = true)]
    private static partial int Dup(int fd);

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int fd, int target);

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentPid();
}
