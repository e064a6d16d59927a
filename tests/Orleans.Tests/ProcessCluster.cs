using System.Diagnostics;
using Forklift.Orleans.Tests.Methods;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Forklift.Orleans.Tests;

/// <summary>
/// Three node silos as real processes on loopback ports, and a dispatcher silo in this process (the primary of the
/// localhost clustering, so killing any node keeps the cluster) whose <see cref="ClusterWorkerPool"/> the tests use.
/// </summary>
public sealed class ProcessCluster : IAsyncLifetime
{
    /// <summary>
    /// How long one start of a node may take to be used by the pool: far above what a healthy start takes (2-3 s when
    /// quiet, 10-30 s at load average 50-80 on 2 cores), so a start that runs past it is stuck, not slow.
    /// </summary>
    /// <remarks>
    /// Stuck starts happen on a loaded machine, and they do not heal: in a CI run at load 6-8, node0 never printed
    /// READY while every request it sent to the other silos went unanswered for 3 minutes (they still reached it).
    /// Measured here, a node that gets no CPU for 14-25 s just after it joins misses the fast probes these tests need
    /// (<see cref="ClusterTuning.FastDetection"/>), is declared dead by one vote, and then either stops itself or goes on
    /// as a silo that prints READY while the cluster counts it dead. Orleans' answer to a silo declared dead is a new
    /// process, which is what a stuck start gets here.
    /// </remarks>
    internal static readonly TimeSpan NodeStartBound = TimeSpan.FromSeconds(90);

    /// <summary>How many processes a node start may take before the fixture gives up (and says what each did).</summary>
    internal const int NodeStartAttempts = 3;

    private readonly RecentLog _hostLog = new();
    private IHost? _dispatcher;

    internal List<SiloProcess> Nodes { get; } = [];

    public ClusterWorkerPool Pool { get; private set; } = null!;

    /// <summary>The cluster's (and service's) id, for callers that join it from outside.</summary>
    public string ClusterId { get; } = $"forklift-test-{Environment.ProcessId}";

    public async Task InitializeAsync()
    {
        string clusterId = ClusterId;
        int primaryPort = SiloProcess.FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // The dead nodes' connection errors are expected here; Forklift's own warnings stay visible. Orleans' warnings
        // are kept too, out of sight, for the message of a node start that fails.
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
        builder.Logging.AddProvider(_hostLog);
        builder.Logging.AddFilter<RecentLog>("Orleans", LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(primaryPort, SiloProcess.FreePort(), primarySiloEndpoint: null, serviceId: clusterId, clusterId: clusterId);
            silo.Configure<ClusterMembershipOptions>(ClusterTuning.FastDetection);
            silo.AddForkliftDispatcher();
        });
        builder.Services.AddForkliftCluster(cluster =>
        {
            // Fast detection for the fault tests; a false alarm under load only costs a retry (the methods allow one).
            cluster.PingPeriod = TimeSpan.FromMilliseconds(500);
            cluster.PingTimeout = TimeSpan.FromSeconds(2);
            cluster.MissedPingsLimit = 2;
        });
        _dispatcher = builder.Build();
        await _dispatcher.StartAsync();
        Pool = _dispatcher.Services.GetRequiredService<ClusterWorkerPool>();

        for (int i = 0; i < 3; i++)
        {
            Nodes.Add(new SiloProcess($"node{i}", primaryPort, clusterId));
        }

        // One at a time: three silos (and their workers) starting at once on 2 cores starve each other of the CPU that
        // their joins' probes need.
        foreach (SiloProcess node in Nodes)
        {
            await StartNodeAsync(node);
        }

        await Pool.WaitForSlotsAsync(3).WaitAsync(Eventually.StartBound);
    }

    public async Task DisposeAsync()
    {
        foreach (SiloProcess node in Nodes)
        {
            node.Dispose();
        }

        if (_dispatcher is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Pool.DisposeAsync();
            await _dispatcher.StopAsync(stop.Token);
            _dispatcher.Dispose();
        }
    }

    /// <summary>Starts a killed or frozen node again on its ports and waits until the fixture's pool uses it.</summary>
    internal async Task RestartAsync(SiloProcess node)
    {
        node.Dispose();
        await StartNodeAsync(node);
    }

    /// <summary>
    /// Starts <paramref name="node"/> on its ports and waits until it runs (READY) and the pool uses it (a new silo
    /// generation on its port, Active, and no other Active one there). A start that gets neither within
    /// <see cref="NodeStartBound"/>, or whose silo exits, is killed and made again as a new process.
    /// </summary>
    internal async Task StartNodeAsync(SiloProcess node)
    {
        var failures = new List<string>();
        for (int attempt = 1; attempt <= NodeStartAttempts; attempt++)
        {
            HashSet<string> known = [.. Pool.Nodes.Select(n => n.Node)];
            var watch = Stopwatch.StartNew();
            string failure;
            try
            {
                await node.StartAsync(NodeStartBound);
                await Eventually.WaitAsync(
                    () => node.HasExited || IsUsed(node, known),
                    $"the pool to use {node.Name}",
                    NodeStartBound - watch.Elapsed);
                if (!node.HasExited)
                {
                    return;
                }

                failure = $"its silo exited after READY. Output:\n{node.Output}";
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                failure = e is TimeoutException ? $"{e.Message}. Pool: {string.Join("; ", Pool.Nodes)}. Output:\n{node.Output}" : e.Message;
            }

            failures.Add($"Start {attempt} of {node.Name} (pid {node.ProcessId}, {watch.Elapsed.TotalSeconds:F1} s): {failure}");
            node.Dispose();
        }

        throw new InvalidOperationException(
            $"Node {node.Name} did not join the cluster in {NodeStartAttempts} starts.\n\n{string.Join("\n\n", failures)}\n\n{_hostLog.Describe()}");
    }

    internal string NodeId(SiloProcess node)
        => Pool.Nodes.FirstOrDefault(n => n.Node.StartsWith($"127.0.0.1:{node.SiloPort}@", StringComparison.Ordinal) && n.State == "Active")?.Node ?? string.Empty;

    /// <summary>The pool has a new generation of <paramref name="node"/> Active, and no older one still Active.</summary>
    private bool IsUsed(SiloProcess node, HashSet<string> known)
    {
        string port = $"127.0.0.1:{node.SiloPort}@";
        var active = Pool.Nodes.Where(n => n.Node.StartsWith(port, StringComparison.Ordinal) && n.State == "Active").ToList();
        return active.Count == 1 && !known.Contains(active[0].Node);
    }
}
