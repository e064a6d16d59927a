using Forklift;

namespace LongTimeTasks;

/// <summary>When and where one task ran, as the worker saw it.</summary>
public sealed record TaskReport(int Name, int WorkerProcessId, DateTime StartedUtc, DateTime FinishedUtc);

public static partial class Tasks
{
    /// <summary>
    /// Python's <c>long_time_task</c>: announces itself (through <paramref name="started"/>, which crosses back to the
    /// caller at once), sleeps, and reports when and in which process it ran.
    /// </summary>
    [Parallel]
    public static TaskReport LongTimeTask(int name, int milliseconds, IProgress<int> started)
    {
        DateTime start = DateTime.UtcNow;
        started.Report(Environment.ProcessId);
        Thread.Sleep(milliseconds);
        return new TaskReport(name, Environment.ProcessId, start, DateTime.UtcNow);
    }
}
