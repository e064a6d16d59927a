namespace Forklift;

/// <summary>
/// Runs a static method in a worker process of a <see cref="WorkerPool"/>. The generator adds, on the same partial
/// type, <c>&lt;Name&gt;Async</c>, <c>&lt;Name&gt;MapAsync</c> and <c>&lt;Name&gt;UnorderedAsync</c>; the method itself
/// stays callable in-process.
/// </summary>
/// <remarks>
/// The method must be <see langword="static"/>, non-generic, declared in <see langword="partial"/> types, and take
/// and return only types the generator can marshal (rules FL3001–FL3006 say what is wrong at compile time).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class ParallelAttribute : Attribute
{
    /// <summary>Overrides the pool's <see cref="WorkerPoolOptions.TaskTimeout"/> for this method; <c>0</c> keeps the pool's.</summary>
    public int TimeoutMilliseconds { get; set; }

    /// <summary>How many inputs a map call sends to a worker at once; <c>0</c> lets the pool choose.</summary>
    public int ChunkSize { get; set; }

    /// <summary>
    /// How many times a call is retried on a fresh worker when its worker crashes. <c>0</c> (the default) never
    /// retries: only set it for methods that are safe to run twice.
    /// </summary>
    public int MaxRetries { get; set; }
}
