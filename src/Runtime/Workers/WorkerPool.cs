using System.Diagnostics;
using System.Runtime.CompilerServices;
using Forklift.Dispatch;
using Forklift.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forklift;

/// <summary>A pool of worker processes that runs <c>[Parallel]</c> calls: the local <see cref="IWorkerPool"/>.</summary>
/// <remarks>
/// <para>Thread-safe: any number of callers may submit calls at once. Each worker runs one call (or one map chunk) at
/// a time; calls wait in one FIFO queue for the next free worker. Workers start on first use (or
/// <see cref="WarmUpAsync"/>), and a worker that crashes, times out or is recycled is replaced.</para>
/// <para>Results complete their tasks asynchronously (never on the pool's reading threads), so blocking in a
/// continuation cannot stall the pool.</para>
/// </remarks>
public sealed partial class WorkerPool : IWorkerPool, IAsyncDisposable
{
    private readonly WorkerPoolOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim? _inProcessSlots;

    /// <summary>Creates a pool; workers start on first use or on <see cref="WarmUpAsync"/>.</summary>
    public WorkerPool(WorkerPoolOptions? options = null)
    {
        _options = options ?? new WorkerPoolOptions();
        if (_options.Workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "WorkerPoolOptions.Workers must be at least 1.");
        }

        if (_options.MaxMessageBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "WorkerPoolOptions.MaxMessageBytes must be at least 1024.");
        }

        _logger = _options.Logger ?? _options.LoggerFactory?.CreateLogger("Forklift.WorkerPool") ?? NullLogger.Instance;
        _poolTag = new KeyValuePair<string, object?>(ForkliftActivitySource.PoolNameTag, _options.Name);
        _environment = new Dictionary<string, string?>(_options.EnvironmentVariables, StringComparer.Ordinal);
        if (_options.Isolation == WorkerPoolIsolation.InProcess)
        {
            _inProcessSlots = new SemaphoreSlim(_options.Workers, _options.Workers);
        }
        else
        {
            _watchdog = new Timer(static state => ((WorkerPool)state!).OnWatchdog(), this, WatchdogPeriod, WatchdogPeriod);
        }
    }

    /// <summary>The pool's <see cref="WorkerPoolOptions.Name"/>.</summary>
    public string Name => _options.Name;

    /// <summary>How many workers this pool runs at most.</summary>
    public int WorkerCount => _options.Workers;

    /// <summary>Starts every worker now instead of on first use, and waits until all are ready.</summary>
    /// <exception cref="WorkerStartException">A worker could not start.</exception>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        if (_inProcessSlots is not null)
        {
            return;
        }

        var ready = new List<Task>();
        int spawn = 0;
        lock (_gate)
        {
            ThrowIfDisposing();
            spawn = _options.Workers - _live;
            _live += Math.Max(spawn, 0);
        }

        for (int i = 0; i < spawn; i++)
        {
            SpawnWorker();
        }

        lock (_gate)
        {
            foreach (WorkerProcess worker in _workers)
            {
                ready.Add(worker.Ready.Task);
            }
        }

        await Task.WhenAll(ready).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one call in a worker.</summary>
    /// <param name="method">The generated method descriptor.</param>
    /// <param name="args">The arguments (a value tuple for several parameters, <see cref="Unit"/> for none).</param>
    /// <param name="progress">Receives the progress reports of the call, if the method reports any.</param>
    /// <param name="cancellationToken">Cancels the call: at once while queued; while running, forwarded to the worker if the
    /// method takes a token, otherwise the call is abandoned and its worker killed after
    /// <see cref="WorkerPoolOptions.CancellationGracePeriod"/>.</param>
    /// <returns>The result. Faults: <see cref="RemoteException"/> (the method threw), <see cref="WorkerCrashedException"/>,
    /// <see cref="WorkerTimeoutException"/>, <see cref="WorkerStartException"/>, <see cref="OperationCanceledException"/>.</returns>
    public Task<TResult> InvokeAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args, ProgressSink? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        if (_inProcessSlots is not null)
        {
            return InvokeInProcessAsync(method, args, progress, cancellationToken);
        }

        var call = new SingleCall<TArgs, TResult>(method, args, progress, cancellationToken);
        Submit(call);
        return call.Task;
    }

    /// <summary>Runs one call per input, in chunks, and returns the results in input order.</summary>
    /// <remarks>Inputs are sent in chunks of <see cref="ParallelMethodOptions.ChunkSize"/> (by default about a quarter of an
    /// even share per worker, like Python's <c>Pool.map</c>), one chunk per request. The first failure fails the whole
    /// map with that item's exception; chunks not yet started are dropped.</remarks>
    public Task<TResult[]> MapAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, IEnumerable<TArgs> inputs, ProgressSink? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(inputs);
        TArgs[] array = inputs as TArgs[] ?? new List<TArgs>(inputs).ToArray();
        if (array.Length == 0)
        {
            return Task.FromResult(Array.Empty<TResult>());
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult[]>(cancellationToken);
        }

        if (_inProcessSlots is not null)
        {
            return MapInProcessAsync(method, array, progress, cancellationToken);
        }

        var map = new MapState<TArgs, TResult>(method, array, unordered: false);
        SubmitChunks(map, progress, cancellationToken);
        return map.Completion.Task;
    }

    /// <summary>Runs one call per input and yields each result with its input's index as soon as its chunk completes.</summary>
    public async IAsyncEnumerable<(int Index, TResult Result)> UnorderedAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, IEnumerable<TArgs> inputs, ProgressSink? progress = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(inputs);
        TArgs[] array = inputs as TArgs[] ?? new List<TArgs>(inputs).ToArray();
        if (array.Length == 0)
        {
            yield break;
        }

        if (_inProcessSlots is not null)
        {
            TResult[] results = await MapInProcessAsync(method, array, progress, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < results.Length; i++)
            {
                yield return (i, results[i]);
            }

            yield break;
        }

        var map = new MapState<TArgs, TResult>(method, array, unordered: true);
        SubmitChunks(map, progress, cancellationToken);
        await foreach ((int Index, TResult Result) item in map.Stream!.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Waits for queued and running calls, then stops the workers. New calls are refused from the start.</summary>
    public async ValueTask DisposeAsync()
    {
        Task drained;
        lock (_gate)
        {
            _disposing = true;
            if (_outstanding == 0)
            {
                drained = Task.CompletedTask;
            }
            else
            {
                _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                drained = _drained.Task;
            }
        }

        await drained.ConfigureAwait(false);
        await StopWorkersAsync().ConfigureAwait(false);
    }

    /// <summary>Kills every worker at once. Queued and running calls fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Terminate()
    {
        List<PendingCall> queued;
        List<WorkerProcess> workers;
        lock (_gate)
        {
            _disposing = true;
            _terminated = true;
            queued = DrainQueue();
            workers = new List<WorkerProcess>(_workers);
            foreach (WorkerProcess worker in workers)
            {
                if (worker.Reason == KillReason.None)
                {
                    worker.Reason = KillReason.Terminated;
                }
            }
        }

        foreach (PendingCall call in queued)
        {
            Fail(call, new ObjectDisposedException(nameof(WorkerPool), "The pool was terminated before this call ran."));
        }

        foreach (WorkerProcess worker in workers)
        {
            worker.Kill();
        }

        _watchdog?.Dispose();
    }

    private async Task<TResult> InvokeInProcessAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args, ProgressSink? progress, CancellationToken cancellationToken)
    {
        await _inProcessSlots!.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Yield();
            return await method.InvokeLocalAsync(args, new LocalCallContext(cancellationToken, progress)).ConfigureAwait(false);
        }
        finally
        {
            _inProcessSlots.Release();
        }
    }

    private async Task<TResult[]> MapInProcessAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs[] inputs, ProgressSink? progress, CancellationToken cancellationToken)
    {
        var tasks = new Task<TResult>[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            tasks[i] = InvokeInProcessAsync(method, inputs[i], progress, cancellationToken);
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private void SubmitChunks<TArgs, TResult>(MapState<TArgs, TResult> map, ProgressSink? progress, CancellationToken cancellationToken)
    {
        int n = map.Inputs.Length;
        int chunk = map.Method.Options.ChunkSize ?? 0;
        if (chunk <= 0)
        {
            // Python's Pool.map default: about four chunks per worker, so a slow chunk is balanced by the others.
            chunk = (int)Math.Ceiling(n / (_options.Workers * 4.0));
        }

        for (int start = 0; start < n; start += chunk)
        {
            if (map.IsDone)
            {
                break;
            }

            Submit(new ChunkCall<TArgs, TResult>(map, start, Math.Min(chunk, n - start), progress, cancellationToken));
        }
    }

    private void ThrowIfDisposing()
    {
        if (_disposing)
        {
            throw new ObjectDisposedException(nameof(WorkerPool));
        }
    }

    internal static RemoteException ToRemoteException(Protocol.ErrorInfo[] chain, string? methodName)
    {
        RemoteException? inner = null;
        for (int i = chain.Length - 1; i >= 0; i--)
        {
            inner = new RemoteException(chain[i].TypeName, chain[i].Message, chain[i].StackTrace, inner) { MethodName = i == 0 ? methodName : null };
        }

        return inner!;
    }

    internal void OnWorkerOutput(WorkerProcess worker, string line)
    {
        if (_logger is not NullLogger)
        {
            LogWorkerOutput(_logger, worker.ProcessId, line);
        }
        else if (_options.ForwardWorkerOutput)
        {
            Console.Error.WriteLine(line);
        }
    }

    // Event ids are part of the public contract (log filters and alerts key on them): never renumber or reuse one.
    // 1xxx: the runtime's WorkerPool; 2xxx: Forklift.Hosting. Listed in docs/dependency-injection.md (Observability).

    [LoggerMessage(EventId = 1001, EventName = "WorkerOutput", Level = LogLevel.Information, Message = "worker {ProcessId}: {Line}")]
    private static partial void LogWorkerOutput(ILogger logger, int processId, string line);

    [LoggerMessage(EventId = 1002, EventName = "WorkerStarted", Level = LogLevel.Debug, Message = "Started worker {ProcessId} (pool '{PoolName}')")]
    private static partial void LogWorkerStarted(ILogger logger, int processId, string poolName);

    [LoggerMessage(EventId = 1003, EventName = "WorkerLost", Level = LogLevel.Warning, Message = "Worker {ProcessId} ended ({Reason}, exit code {ExitCode}) while running {Method} (pool '{PoolName}')")]
    private static partial void LogWorkerLost(ILogger logger, int processId, string reason, int? exitCode, string? method, string poolName);

    [LoggerMessage(EventId = 1004, EventName = "WorkerRecycled", Level = LogLevel.Information, Message = "Recycling worker {ProcessId} after {Calls} calls (pool '{PoolName}')")]
    private static partial void LogWorkerRecycled(ILogger logger, int processId, int calls, string poolName);

    [LoggerMessage(EventId = 1005, EventName = "WorkerStartFailed", Level = LogLevel.Error, Message = "A worker failed to start (pool '{PoolName}')")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string poolName);
}
