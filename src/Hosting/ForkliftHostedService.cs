using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Forklift.Hosting;

/// <summary>
/// Ties the pools to the host's life: creates (and optionally warms) them at start, makes the default pool
/// <see cref="ParallelDefaults.Pool"/>, and drains them once everything else has stopped.
/// </summary>
/// <remarks>
/// Draining happens in <see cref="StoppedAsync"/>, not <see cref="StopAsync"/>: hosted services stop in reverse order
/// of registration, and ASP.NET Core's server is registered before the app's services, so at our
/// <see cref="StopAsync"/> it may still be finishing requests, and a worker service's <c>BackgroundService</c> may still
/// be making calls. <see cref="StoppedAsync"/> runs after all of them, with the same <c>HostOptions.ShutdownTimeout</c>
/// token.
/// </remarks>
internal sealed partial class ForkliftHostedService(
    IServiceProvider services,
    IEnumerable<ForkliftPoolRegistration> registrations,
    IOptions<ForkliftHostingOptions> hostingOptions,
    ILogger<ForkliftHostedService>? logger = null) : IHostedLifecycleService
{
    /// <summary>After the shutdown timeout, how long terminated pools get to report their calls as failed.</summary>
    private static readonly TimeSpan TerminateGrace = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly List<WorkerPool> _pools = [];
    private IDisposable? _defaultScope;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (ForkliftPoolRegistration registration in registrations.Distinct())
        {
            WorkerPool pool = registration.Resolve(services);
            _pools.Add(pool);
            if (registration.IsDefault && hostingOptions.Value.UseAsDefaultPool)
            {
                _defaultScope = ParallelDefaults.Use(pool);
            }
        }

        if (hostingOptions.Value.WarmUpOnStart)
        {
            long started = Stopwatch.GetTimestamp();
            await Task.WhenAll(_pools.Select(p => p.WarmUpAsync(cancellationToken))).ConfigureAwait(false);
            foreach (WorkerPool pool in _pools)
            {
                LogWarmedUp(_logger, pool.Name, pool.WorkerCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // The pools keep serving while the app's other services stop; see the remarks on the class.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var drains = new List<Task>(_pools.Count);
            foreach (WorkerPool pool in _pools)
            {
                LogDraining(_logger, pool.Name, pool.GetStatus().CallsInFlight);
                drains.Add(pool.DisposeAsync().AsTask());
            }

            Task all = Task.WhenAll(drains);
            try
            {
                await all.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                for (int i = 0; i < _pools.Count; i++)
                {
                    if (!drains[i].IsCompleted)
                    {
                        LogDrainTimedOut(_logger, _pools[i].Name, _pools[i].GetStatus().CallsInFlight);
                        _pools[i].Terminate();
                    }
                }

                // Terminated pools fail their calls and finish at once; the bound only guards against the unforeseen.
                await all.WaitAsync(TerminateGrace, CancellationToken.None).ConfigureAwait(false);
            }

            foreach (WorkerPool pool in _pools)
            {
                LogStopped(_logger, pool.Name);
            }
        }
        finally
        {
            _defaultScope?.Dispose();
        }
    }

    [LoggerMessage(EventId = 2001, EventName = "PoolWarmedUp", Level = LogLevel.Information, Message = "Forklift pool '{PoolName}' is warm: {Workers} workers ready after {ElapsedMilliseconds:F0} ms")]
    private static partial void LogWarmedUp(ILogger logger, string poolName, int workers, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2002, EventName = "PoolDraining", Level = LogLevel.Information, Message = "Forklift pool '{PoolName}' is draining: {CallsInFlight} calls in flight, new calls refused")]
    private static partial void LogDraining(ILogger logger, string poolName, int callsInFlight);

    [LoggerMessage(EventId = 2003, EventName = "PoolDrainTimedOut", Level = LogLevel.Warning, Message = "Forklift pool '{PoolName}' did not drain within the host's shutdown timeout; terminating its workers and failing {CallsInFlight} calls")]
    private static partial void LogDrainTimedOut(ILogger logger, string poolName, int callsInFlight);

    [LoggerMessage(EventId = 2004, EventName = "PoolStopped", Level = LogLevel.Information, Message = "Forklift pool '{PoolName}' stopped; its workers have exited")]
    private static partial void LogStopped(ILogger logger, string poolName);
}
