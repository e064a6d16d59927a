using System.Net;
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

        // The dead nodes' connection errors are expected here; Forklift's own warnings stay visible.
        builder.Logging.AddFilter("Orleans", LogLevel.Error);
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

        await Task.WhenAll(Nodes.Select(n => n.StartAsync()));
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
        await node.StartAsync();
        await Eventually.WaitAsync(() => NodeId(node).Length > 0, $"{node.Name} back", Eventually.StartBound);
    }

    internal string NodeId(SiloProcess node)
        => Pool.Nodes.FirstOrDefault(n => n.Node.StartsWith($"127.0.0.1:{node.SiloPort}@", StringComparison.Ordinal) && n.State == "Active")?.Node ?? string.Empty;
}
