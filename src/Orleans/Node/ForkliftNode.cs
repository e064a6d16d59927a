using System.Collections.Concurrent;
using System.Diagnostics;
using Forklift.Dispatch;
using Forklift.Orleans.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Forklift.Orleans.Node;

/// <summary>
/// The node side of a silo: its local <see cref="WorkerPool"/>, the calls it is running (by call id, for leases), and
/// the drain when the silo stops.
/// </summary>
/// <remarks>Thread-safe: the reentrant grain calls <see cref="RunAsync"/> and <see cref="Status"/> concurrently.</remarks>
internal sealed partial class ForkliftNode : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly ForkliftNodeOptions _options;
    private readonly BuildFingerprint _fingerprint;
    private readonly ILogger _logger;
    private readonly WorkerPool _pool;
    private readonly ConcurrentDictionary<Guid, byte> _running = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _draining;

    public ForkliftNode(IOptions<ForkliftNodeOptions> options, BuildFingerprint fingerprint, ILoggerFactory? loggerFactory = null)
    {
        _options = options.Value;
        _options.Validate();
        _fingerprint = fingerprint;
        _logger = loggerFactory?.CreateLogger("Forklift.Orleans.Node") ?? NullLogger.Instance;
        WorkerPoolOptions pool = _options.Pool;
        if (pool.Logger is null && pool.LoggerFactory is null && loggerFactory is not null)
        {
            pool.LoggerFactory = loggerFactory;
        }

        _pool = new WorkerPool(pool);
    }

    public int Capacity => _pool.WorkerCount;

    public void Participate(ISiloLifecycle lifecycle)
        => lifecycle.Subscribe(nameof(ForkliftNode), ServiceLifecycleStage.Active, OnSiloStartAsync, OnSiloStopAsync);

    public NodeStatus Status(string[] assemblies)
    {
        var fingerprints = new string?[assemblies.Length];
        for (int i = 0; i < assemblies.Length; i++)
        {
            fingerprints[i] = _fingerprint.Of(assemblies[i]);
        }

        return new NodeStatus
        {
            Capacity = _pool.WorkerCount,
            Draining = _draining,
            Fingerprints = fingerprints,
            Running = [.. _running.Keys],
        };
    }

    public async Task<byte[]> RunAsync(NodeRequest request, ProgressSink? progress, CancellationToken cancellationToken)
    {
        if (_draining)
        {
            return Envelope.NotAccepted("The node is stopping.");
        }

        if (!TryResolve(request, out ParallelMethod? method, out string? problem))
        {
            return Envelope.Error(new RemoteException(typeof(InvalidOperationException).FullName!, problem, null) { MethodName = request.MethodId });
        }

        _running[request.CallId] = 0;
        try
        {
            TimeSpan? limit = request.TimeLimitTicks > 0 ? TimeSpan.FromTicks(request.TimeLimitTicks) : null;
            using Activity? activity = StartActivity(request, method);
            byte[] result = request.IsBatch
                ? await _pool.MapRawAsync(method, request.Arguments, request.FirstIndex, progress, limit, cancellationToken).ConfigureAwait(false)
                : await _pool.InvokeRawAsync(method, request.Arguments, progress, limit, cancellationToken).ConfigureAwait(false);
            return Envelope.Ok(result);
        }
        catch (Exception e)
        {
            return Envelope.Error(e);
        }
        finally
        {
            _running.TryRemove(request.CallId, out _);
            if (_draining && _running.IsEmpty)
            {
                _idle.TrySetResult();
            }
        }
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    private static bool TryResolve(NodeRequest request, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ParallelMethod? method, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (ParallelMethodRegistry.TryGet(request.MethodId, out method))
        {
            return true;
        }

        // The method's assembly may not be loaded in this silo yet: loading it runs its module initializer, which registers it.
        if (BuildFingerprint.Find(request.Assembly) is null)
        {
            problem = $"This node cannot load assembly '{request.Assembly}' of [Parallel] method '{request.MethodId}': it runs a different build of the app.";
            return false;
        }

        if (ParallelMethodRegistry.TryGet(request.MethodId, out method))
        {
            return true;
        }

        problem = $"No [Parallel] method with id '{request.MethodId}' is registered on this node: it runs a different build of '{request.Assembly}'.";
        return false;
    }

    private static Activity? StartActivity(NodeRequest request, ParallelMethod method)
    {
        // Continue the caller's trace so the node's pool passes it on to the worker that runs the call.
        if (request.TraceParent is null || !ActivityContext.TryParse(request.TraceParent, request.TraceState, out ActivityContext parent))
        {
            return null;
        }

        var activity = new Activity("Forklift.Orleans.Node " + method.Name);
        activity.SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
        activity.TraceStateString = request.TraceState;
        return activity.Start();
    }

    private async Task OnSiloStartAsync(CancellationToken cancellationToken)
    {
        if (_options.WarmUp)
        {
            await _pool.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        }

        LogStarted(_logger, _pool.WorkerCount);
    }

    private async Task OnSiloStopAsync(CancellationToken cancellationToken)
    {
        // From now on pings say "draining" and new calls are refused (callers send them elsewhere); running calls finish.
        _draining = true;
        int running = _running.Count;
        if (running > 0)
        {
            LogDraining(_logger, running);
            if (_running.IsEmpty)
            {
                _idle.TrySetResult();
            }

            try
            {
                await _idle.Task.WaitAsync(_options.DrainTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                LogDrainCut(_logger, _running.Count);
            }
        }

        await _pool.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forklift node started with {Workers} workers")]
    private static partial void LogStarted(ILogger logger, int workers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forklift node stopping: waiting for {Running} running calls")]
    private static partial void LogDraining(ILogger logger, int running);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forklift node stopped with {Running} calls still running (DrainTimeout)")]
    private static partial void LogDrainCut(ILogger logger, int running);
}
