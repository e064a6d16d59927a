using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Forklift.Dispatch;
using Forklift.Transport;

namespace Forklift.Runtime.Tests;

/// <summary>Worker methods for <see cref="SynchronousCallTests"/>, registered like generated ones.</summary>
internal static class SynchronousCallMethods
{
    // F_DUPFD: a copy without close-on-exec, unlike the F_DUPFD_CLOEXEC the transport uses.
    private const int FcntlDuplicate = 0;

    /// <summary>
    /// Hands the worker's response pipe to a grandchild on purpose (a descriptor copy without close-on-exec, inherited
    /// by <c>sleep 120</c>), so killing the worker does not end the pipe; writes "workerPid sleepPid" to
    /// <c>path.started</c>, then waits (at most two minutes) for <c>path</c>. Linux only.
    /// </summary>
    /// <remarks>The pool never lets this happen by itself (see docs/worker-pool-faults.md, "Descriptors"): it stands
    /// for a kill that does not end the pipe, against which a caller reading its own answer must still be bounded.</remarks>
    public static readonly ParallelMethod<string?, int> LeakResponsePipe = new(
        "Forklift.Runtime.Tests.SynchronousCallMethods.LeakResponsePipe(string)",
        "LeakResponsePipe",
        typeof(SynchronousCallMethods),
        TestCodecs.String,
        TestCodecs.Int32,
        (path, context) =>
        {
            int copy = PosixInterop.Fcntl(WorkerStdio.ResponseDescriptor, FcntlDuplicate, 10);
            using Process sleeper = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
            _ = PosixInterop.Close(copy);
            File.WriteAllText(path + ".started", string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {sleeper.Id}"));
            var waited = Stopwatch.StartNew();
            while (!File.Exists(path) && waited.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(5);
            }

            return ValueTask.FromResult(0);
        });

    [ModuleInitializer]
    internal static void Register() => ParallelMethodRegistry.Register(LeakResponsePipe);
}
