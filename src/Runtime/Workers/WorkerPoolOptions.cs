using Microsoft.Extensions.Logging;

namespace Forklift;

/// <summary>Settings of a <see cref="WorkerPool"/>. Read once, when the pool is created.</summary>
public sealed class WorkerPoolOptions
{
    /// <summary>The name that identifies this pool in logs, metrics (the <c>forklift.pool.name</c> tag) and traces.
    /// Defaults to <c>default</c>.</summary>
    public string Name { get; set; } = WorkerPool.DefaultName;

    /// <summary>How many worker processes run at once. Defaults to <see cref="Environment.ProcessorCount"/>.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>Where calls run.</summary>
    public WorkerPoolIsolation Isolation { get; set; } = WorkerPoolIsolation.Process;

    /// <summary>How long one call may run before its worker is killed and the call fails with a
    /// <see cref="WorkerTimeoutException"/>; <see langword="null"/> for no limit. Each input of a map gets this much (plus 0.1 s), however many inputs its chunk holds.</summary>
    public TimeSpan? TaskTimeout { get; set; }

    /// <summary>Recycle a worker after this many calls (a map chunk counts once); <see langword="null"/> never.</summary>
    public int? MaxTasksPerWorker { get; set; }

    /// <summary>Recycle a worker, after its current call, when its working set exceeds this many bytes; <see langword="null"/> never.</summary>
    public long? MaxWorkerMemory { get; set; }

    /// <summary>How long a worker may take to start and run its initializers. Defaults to 60 seconds.</summary>
    public TimeSpan WorkerStartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The largest message (arguments, result, progress report) in bytes that goes through the pipe. Defaults to 256 MiB.</summary>
    /// <remarks>On Linux a message larger than 1 MiB goes through shared memory instead (see docs/worker-pool-faults.md,
    /// "Large values") and is limited only by memory; this limit then guards the pipe alone.</remarks>
    public int MaxMessageBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>How long a cancelled running call may take to stop before its worker is killed. Defaults to 1 second.</summary>
    public TimeSpan CancellationGracePeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Environment variables set (or, with a <see langword="null"/> value, removed) for worker processes.</summary>
    public IDictionary<string, string?> EnvironmentVariables { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Receives the pool's log (worker starts, exits, crashes, recycles, and the workers' standard error lines).</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>A logger to use instead of one from <see cref="LoggerFactory"/>.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>Copy the workers' standard output and error to this process's standard output and error (line by line,
    /// long lines in pieces of 16 KiB) when no logger is set. Defaults to <see langword="true"/>.</summary>
    public bool ForwardWorkerOutput { get; set; } = true;

    /// <summary>Replaces the command that starts a worker (file name and arguments); tests use it to break starts.</summary>
    internal Func<Workers.WorkerLaunch, Workers.WorkerLaunch>? LaunchOverride { get; set; }

    /// <summary>Whether a busy worker gets a second map chunk in its pipe (see <c>WorkerPool.Pipelining.cs</c>). Only the
    /// map benchmark turns it off, to measure what it gains in the same run.</summary>
    internal bool PipelineChunks { get; set; } = true;
}

/// <summary>Where a pool runs calls.</summary>
public enum WorkerPoolIsolation
{
    /// <summary>In worker processes (the default).</summary>
    Process,

    /// <summary>On the thread pool of this process: for debugging and for unit tests of user code. Calls behave as in
    /// workers (arguments and results are encoded and decoded, so the method works on copies; exceptions are wrapped
    /// the same way; unordered results stream as they complete), but timeouts and memory limits do not apply, and a
    /// crash takes the whole process down.</summary>
    InProcess,
}
