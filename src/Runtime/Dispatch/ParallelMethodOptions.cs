namespace Forklift.Dispatch;

/// <summary>Per-method settings, taken from the <c>[Parallel]</c> attribute by generated code.</summary>
public sealed record ParallelMethodOptions
{
    /// <summary>No overrides: the pool's settings apply.</summary>
    public static ParallelMethodOptions Default { get; } = new();

    /// <summary>Overrides <see cref="WorkerPoolOptions.TaskTimeout"/> for this method; <see langword="null"/> keeps the pool's.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// <see langword="true"/> when the method takes a <see cref="CancellationToken"/>, so a running call can be cancelled
    /// cooperatively in the worker; otherwise cancelling a running call kills its worker after a grace period.
    /// </summary>
    public bool AcceptsCancellation { get; init; }

    /// <summary>How many inputs a map call sends to a worker at once; <see langword="null"/> lets the pool choose.</summary>
    public int? ChunkSize { get; init; }

    /// <summary>
    /// How many times a call is retried on a fresh worker when its worker crashes; <c>0</c> (the default) never
    /// retries, because a method with side effects must not run twice unless its author says so.
    /// </summary>
    public int MaxRetries { get; init; }
}
