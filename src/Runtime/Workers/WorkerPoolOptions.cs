namespace Forklift;

/// <summary>Settings of a <see cref="WorkerPool"/>.</summary>
public sealed class WorkerPoolOptions
{
    /// <summary>How many worker processes run at once. Defaults to <see cref="Environment.ProcessorCount"/>.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Where calls run.</summary>
    public WorkerPoolIsolation Isolation { get; set; } = WorkerPoolIsolation.Process;

    /// <summary>How long one call may run before its worker is killed and the call fails; <see langword="null"/> for no limit.</summary>
    public TimeSpan? TaskTimeout { get; set; }
}

/// <summary>Where a pool runs calls.</summary>
public enum WorkerPoolIsolation
{
    /// <summary>In worker processes (the default).</summary>
    Process,

    /// <summary>On the thread pool of this process: for debugging and for unit tests of user code.</summary>
    InProcess,
}
