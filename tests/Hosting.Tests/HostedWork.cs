using Forklift;

namespace Forklift.Hosting.Tests;

/// <summary>The work the tests run in worker processes, through the generated methods.</summary>
public static partial class HostedWork
{
    /// <summary>The pid of the worker that ran the call.</summary>
    [Parallel]
    public static int Pid() => Environment.ProcessId;

    /// <summary>Reports the worker's pid once running (so a test knows the call is in a worker), sleeps without
    /// listening to cancellation, then returns the pid.</summary>
    [Parallel]
    public static int Hold(int milliseconds, IProgress<int> running)
    {
        running.Report(Environment.ProcessId);
        Thread.Sleep(milliseconds);
        return Environment.ProcessId;
    }

    /// <summary>Ends the worker process abruptly.</summary>
    [Parallel]
    public static void Crash() => Environment.Exit(3);
}
