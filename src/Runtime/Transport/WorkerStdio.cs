using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Forklift.Transport;

/// <summary>
/// The worker's end of its private channel: the parent starts the worker with redirected standard input and output,
/// which are anonymous pipes only the two processes hold. Standard error stays a plain text stream the parent keeps
/// the last lines of, for crash reports.
/// </summary>
/// <remarks>
/// User code in a worker may write to the console. So that it cannot corrupt the protocol, <see cref="Open"/> moves
/// the protocol's output to a duplicate of file descriptor 1 and points descriptor 1 (and <see cref="Console.Out"/>)
/// at standard error.
/// </remarks>
internal static partial class WorkerStdio
{
    /// <summary>Returns the protocol's input and output streams, after moving console output out of the way.</summary>
    public static (Stream Input, Stream Output) Open()
    {
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
