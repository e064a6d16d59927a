using System.Diagnostics;
using System.Runtime.CompilerServices;
using Forklift.Dispatch;
using Forklift.Protocol;
using Forklift.Transport;
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
/// continuation cannot stall the pool. A result the caller read itself (<see cref="Invoke"/>, and a quick answer to
/// <see cref="InvokeAsync"/>) completes its task on the caller's thread before the task is returned.</para>
/// </remarks>
public sealed partial class WorkerPool : IWorkerPool, IAsyncDisposable
{
    private readonly WorkerPoolOptions _options;
    private readonly ContainedLogger _logger;
    private readonly SemaphoreSlim? _inProcessSlots;

    /// <summary>Creates a pool; workers start on first use or on <see cref="WarmUpAsync"/>.</summary>
    /// <remarks>
    /// <para>Inside a worker (a <c>[Parallel]</c> method that calls another one) the pool runs its calls in the worker's
    /// own process, as <see cref="WorkerPoolIsolation.InProcess"/> does: a worker never starts workers of its own.</para>
    /// <para>In a process that a pool started as a worker but whose <c>Main</c> ran instead (a self-contained,
    /// single-file or AOT app without <c>if (WorkerHost.TryRunAsWorker(args)) return;</c> at the top of <c>Main</c>),
    /// creating a pool prints what is missing to standard error and ends the process with exit code 86; the parent's
    /// call then fails with a <see cref="WorkerStartException"/> that names the missing line. Otherwise every worker
    /// would run <c>Main</c> and start a pool of its own: a fork bomb.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it.</exception>
    public WorkerPool(WorkerPoolOptions? options = null)
    {
        _options = options ?? new WorkerPoolOptions();
        Validate(_options);
        if (WorkerStdio.StartedAsWorker && WorkerDispatcher.Current is null)
        {
            StopMissingGuard();
        }

        _logger = new ContainedLogger(_options.Logger ?? _options.LoggerFactory?.CreateLogger("Forklift.WorkerPool") ?? NullLogger.Instance);
        _scheduler = new ChannelScheduler(_options.Name, _options.TaskTimeout);
        _environment = new Dictionary<string, string?>(_options.EnvironmentVariables, StringComparer.Ordinal);
        if (_options.Isolation == WorkerPoolIsolation.InProcess || WorkerDispatcher.Current is not null)
        {
            _inProcessSlots = new SemaphoreSlim(_options.Workers, _options.Workers);
        }
        else
        {
            _watchdog = new Timer(static state => ((WorkerPool)state!).OnWatchdog(), this, WatchdogPeriod, WatchdogPeriod);

            // Large messages of a pool process that died by SIGKILL before its workers could delete them.
            SharedMemorySegment.SweepDeadPools();
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
        lock (_scheduler.Gate)
        {
            ThrowIfDisposing();
            spawn = _options.Workers - _live;
            _live += Math.Max(spawn, 0);
        }

        for (int i = 0; i < spawn; i++)
        {
            SpawnWorker();
        }

        lock (_scheduler.Gate)
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
    /// <returns>The result. Faults: the method's own exception for well-known framework types, otherwise <see cref="RemoteException"/>
    /// (see its remarks), <see cref="WorkerCrashedException"/>,
    /// <see cref="WorkerTimeoutException"/>, <see cref="WorkerStartException"/>, <see cref="OperationCanceledException"/>.</returns>
    /// <remarks>
    /// <para>A small request is written on the calling thread before this returns. On Linux, when an idle worker takes
    /// the call at once, with no <paramref name="progress"/> and a <paramref name="cancellationToken"/> that cannot be
    /// cancelled, the calling thread then waits up to 20 µs for the answer and reads it itself (unless callers recently
    /// waited in vain for that worker): the returned task is already complete, so an <c>await</c> goes on at once, with no
    /// thread woken to run it. Otherwise, or when the window passes, the answer is delivered by the pool's reading
    /// thread and the continuation runs on the thread pool (never on the reading thread). So this may block its caller
    /// for about 20 µs at most (spinning), whatever the worker does; a caller that must not (or that starts many
    /// short calls at once and wants them running side by side: use <see cref="MapAsync"/>) passes a token that can be
    /// cancelled. Faults are the same either way (docs/worker-pool-faults.md, "Awaited calls").</para>
    /// </remarks>
    public Task<TResult> InvokeAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args, ProgressSink? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        if (_inProcessSlots is not null)
        {
            return InvokeInProcessAsync(method, args, progress, messagePrefix: null, cancellationToken);
        }

        var call = new SingleCall<TArgs, TResult>(method, args, progress, cancellationToken);

        // As for Invoke, but only for a short window (see LeadBriefly): an answer read here completes the task before
        // it is returned, so the caller's await goes on without a thread hop.
        Submit(call, progress is null && !cancellationToken.CanBeCanceled ? CallerLead.Briefly : CallerLead.No);
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

    /// <summary>Runs one call per input and yields each result with its input's index as soon as that input is done.</summary>
    /// <remarks>Inputs travel in chunks as for <see cref="MapAsync{TArgs, TResult}"/>, but the worker sends each result
    /// back within a couple of milliseconds of its input finishing (results finished together share a message), so a
    /// slow input does not hold back the results of the fast ones in its chunk. Leaving the loop early (or cancelling <paramref name="cancellationToken"/>) stops the map: chunks not yet
    /// started never run, and running ones are cancelled as a cancelled call is (the token is forwarded, or the chunk
    /// abandoned and its worker killed after <see cref="WorkerPoolOptions.CancellationGracePeriod"/>).</remarks>
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
            await foreach ((int Index, TResult Result) item in UnorderedInProcessAsync(method, array, progress, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }

            yield break;
        }

        var map = new MapState<TArgs, TResult>(method, array, unordered: true);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            SubmitChunks(map, progress, stop.Token);
            await foreach ((int Index, TResult Result) item in map.Stream!.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            // The consumer left (break, an exception, cancellation) or read everything: nothing of this map is wanted any more.
            stop.Cancel();
        }
    }

    /// <summary>Waits for queued and running calls, then stops the workers. New calls are refused from the start.</summary>
    /// <remarks>Each running call is bounded by its timeout (<see cref="WorkerPoolOptions.TaskTimeout"/>), so with a
    /// timeout set this is bounded too; without one a call that never ends keeps this waiting. Use
    /// <see cref="DisposeAsync(TimeSpan)"/> for a bound of your own. Stopping the workers takes at most 5 seconds
    /// more: a worker that has not exited by then is killed.</remarks>
    public ValueTask DisposeAsync() => DisposeAsync(Timeout.InfiniteTimeSpan);

    /// <summary>Waits up to <paramref name="timeout"/> for queued and running calls, then stops the workers; calls
    /// still pending then fail with <see cref="ObjectDisposedException"/> and their workers are killed, as by
    /// <see cref="Terminate"/>. New calls are refused from the start.</summary>
    /// <param name="timeout">How long calls may take to drain; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <remarks>Completes within <paramref name="timeout"/> plus 5 seconds (the time workers get to exit).</remarks>
    public async ValueTask DisposeAsync(TimeSpan timeout)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        Task drained;
        lock (_scheduler.Gate)
        {
            drained = _scheduler.BeginDrain();
        }

        try
        {
            await drained.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Terminate();
            return;
        }

        await StopWorkersAsync().ConfigureAwait(false);
    }

    /// <summary>Kills every worker at once. Queued and running calls fail with <see cref="ObjectDisposedException"/>
    /// at once, without waiting for the workers to exit.</summary>
    public void Terminate()
    {
        List<PendingCall> queued;
        var running = new List<PendingCall>();
        List<WorkerProcess> workers;
        lock (_scheduler.Gate)
        {
            _ = _scheduler.BeginDrain();
            _terminated = true;
            queued = _scheduler.DrainQueue();
            workers = new List<WorkerProcess>(_workers);
            foreach (WorkerProcess worker in workers)
            {
                if (worker.Reason == KillReason.None)
                {
                    worker.Reason = KillReason.Terminated;
                }

                if (worker.Current is PendingCall call)
                {
                    running.Add(call);
                }

                if (worker.Next is PendingCall next)
                {
                    running.Add(next);
                }
            }
        }

        foreach (PendingCall call in queued)
        {
            _scheduler.Fail(call, new ObjectDisposedException(nameof(WorkerPool), "The pool was terminated before this call ran."));
        }

        foreach (PendingCall call in running)
        {
            _scheduler.Fail(call, new ObjectDisposedException(nameof(WorkerPool), "The pool was terminated while this call ran."));
        }

        foreach (WorkerProcess worker in workers)
        {
            worker.Kill();
        }

        _watchdog?.Dispose();
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
        if (_scheduler.IsDraining)
        {
            throw new ObjectDisposedException(nameof(WorkerPool));
        }
    }

    /// <summary>A line a worker wrote to its standard output or error: to the logger, or else to this process's
    /// standard output or error. Called on the worker's output threads; nothing thrown here may end them.</summary>
    internal void OnWorkerOutput(WorkerProcess worker, string line, bool isError)
    {
        if (_logger.Inner is not NullLogger)
        {
            LogWorkerOutput(_logger, worker.ProcessId, isError ? "stderr" : "stdout", line);
        }
        else if (_options.ForwardWorkerOutput)
        {
            try
            {
                (isError ? Console.Error : Console.Out).WriteLine(line);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // This process's own stream is closed or full: the line has nowhere to go.
            }
        }
    }

    private static void Validate(WorkerPoolOptions options)
    {
        if (options.Workers < 1)
        {
            throw OutOfRange(nameof(options.Workers), options.Workers, "must be at least 1");
        }

        if (options.MaxMessageBytes < 1024)
        {
            throw OutOfRange(nameof(options.MaxMessageBytes), options.MaxMessageBytes, "must be at least 1024");
        }

        if (options.TaskTimeout is TimeSpan timeout && timeout <= TimeSpan.Zero)
        {
            throw OutOfRange(nameof(options.TaskTimeout), timeout, "must be positive, or null for no limit");
        }

        if (options.MaxTasksPerWorker is int tasks && tasks <= 0)
        {
            throw OutOfRange(nameof(options.MaxTasksPerWorker), tasks, "must be positive, or null to never recycle");
        }

        if (options.MaxWorkerMemory is long memory && memory <= 0)
        {
            throw OutOfRange(nameof(options.MaxWorkerMemory), memory, "must be positive, or null for no limit");
        }

        if (options.WorkerStartTimeout <= TimeSpan.Zero)
        {
            throw OutOfRange(nameof(options.WorkerStartTimeout), options.WorkerStartTimeout, "must be positive");
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            throw new ArgumentException("WorkerPoolOptions.Name must not be empty.", nameof(options));
        }

        if (options.CancellationGracePeriod < TimeSpan.Zero)
        {
            throw OutOfRange(nameof(options.CancellationGracePeriod), options.CancellationGracePeriod, "must not be negative");
        }

        static ArgumentOutOfRangeException OutOfRange(string option, object value, string rule)
            => new(option, value, $"WorkerPoolOptions.{option} {rule}.");
    }

    private static void StopMissingGuard()
    {
        Console.Error.WriteLine(
            "forklift: this process was started as a worker of a Forklift pool, but its Main ran instead of the worker. " +
            "A self-contained, single-file or Native AOT app must begin Main with `if (WorkerHost.TryRunAsWorker(args)) return;`. " +
            "Stopping here instead of starting workers of its own.");
        Environment.Exit(ProtocolConstants.MissingGuardExitCode);
    }

    // Event ids are part of the public contract (log filters and alerts key on them): never renumber or reuse one.
    // 1xxx: the runtime's WorkerPool; 2xxx: Forklift.Hosting. Listed in docs/dependency-injection.md (Observability).

    [LoggerMessage(EventId = 1001, EventName = "WorkerOutput", Level = LogLevel.Information, Message = "worker {ProcessId} {Stream}: {Line}")]
    private static partial void LogWorkerOutput(ILogger logger, int processId, string stream, string line);

    [LoggerMessage(EventId = 1002, EventName = "WorkerStarted", Level = LogLevel.Debug, Message = "Started worker {ProcessId} (pool '{PoolName}')")]
    private static partial void LogWorkerStarted(ILogger logger, int processId, string poolName);

    [LoggerMessage(EventId = 1003, EventName = "WorkerLost", Level = LogLevel.Warning, Message = "Worker {ProcessId} ended ({Reason}, exit code {ExitCode}, signal {Signal}) while running {Method} (pool '{PoolName}')")]
    private static partial void LogWorkerLost(ILogger logger, int processId, string reason, int? exitCode, int? signal, string? method, string poolName);

    [LoggerMessage(EventId = 1006, EventName = "WorkerKilledWhileStarting", Level = LogLevel.Warning, Message = "Worker {ProcessId} was killed by signal {Signal} while starting; starting another (pool '{PoolName}')")]
    private static partial void LogWorkerKilledWhileStarting(ILogger logger, int processId, int signal, string poolName);

    [LoggerMessage(EventId = 1004, EventName = "WorkerRecycled", Level = LogLevel.Information, Message = "Recycling worker {ProcessId} after {Calls} calls (pool '{PoolName}')")]
    private static partial void LogWorkerRecycled(ILogger logger, int processId, int calls, string poolName);

    [LoggerMessage(EventId = 1005, EventName = "WorkerStartFailed", Level = LogLevel.Error, Message = "A worker failed to start (pool '{PoolName}')")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string poolName);
}
