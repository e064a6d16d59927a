using Forklift.Dispatch;

namespace Forklift;

/// <summary>A pool of worker processes that runs <c>[Parallel]</c> calls. API shape agreed with the generator (docs/design-runtime-seam.md).</summary>
public sealed partial class WorkerPool : IAsyncDisposable
{
    /// <summary>Creates a pool; workers start on first use or on <see cref="WarmUpAsync"/>.</summary>
    public WorkerPool(WorkerPoolOptions? options = null) => throw new NotImplementedException();

    /// <summary>The shared pool used by generated methods that are not given one.</summary>
    public static WorkerPool Default => throw new NotImplementedException();

    /// <summary>Starts every worker now instead of on first use.</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Runs one call in a worker.</summary>
    public Task<TResult> InvokeAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args, ProgressSink? progress = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Runs one call per input, in chunks, and returns the results in input order.</summary>
    public Task<TResult[]> MapAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, IEnumerable<TArgs> inputs, ProgressSink? progress = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Runs one call per input and yields each result with its input's index as soon as it completes.</summary>
    public IAsyncEnumerable<(int Index, TResult Result)> UnorderedAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, IEnumerable<TArgs> inputs, ProgressSink? progress = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Waits for running calls, then stops the workers.</summary>
    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
