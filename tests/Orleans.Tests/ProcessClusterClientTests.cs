using Forklift.Orleans.Tests.Methods;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace Forklift.Orleans.Tests;

/// <summary>
/// The caller is an Orleans client (<c>UseOrleansClient</c>), not a silo: it reaches the real node processes through
/// their gateways, and its membership comes from the management grain. Same cluster and collection as
/// <see cref="ProcessClusterTests"/>.
/// </summary>
[Collection(nameof(ProcessClusterCollection))]
public sealed class ProcessClusterClientTests(ProcessCluster cluster)
{
    [Fact]
    public async Task An_Orleans_client_caller_runs_maps_on_every_node_with_the_local_pools_results()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(
            [.. cluster.Nodes.Select(n => n.GatewayPort)], serviceId: cluster.ClusterId, clusterId: cluster.ClusterId));
        builder.Services.AddForkliftCluster();
        using IHost host = builder.Build();
        await host.StartAsync();
        try
        {
            ClusterWorkerPool pool = host.Services.GetRequiredService<ClusterWorkerPool>();
            await pool.WaitForSlotsAsync(3).WaitAsync(Eventually.StartBound);
            var ranges = Enumerable.Range(0, 30).Select(i => (i * 1000, (i + 1) * 1000)).ToArray();
            await using var local = new WorkerPool(new WorkerPoolOptions { Workers = 1 });

            int[] remote = await ClusterWork.CountPrimesMapAsync(pool, ranges);
            string[] nodes = await ClusterWork.NapMapAsync(pool, Enumerable.Repeat(20, 30));

            Assert.Same(pool, host.Services.GetRequiredService<IWorkerPool>());
            Assert.Equal(await ClusterWork.CountPrimesMapAsync(local, ranges), remote);
            Assert.Equal(["node0", "node1", "node2"], nodes.Distinct().Order());
            Assert.Equal(3, pool.Nodes.Count(n => n.State == "Active"));
        }
        finally
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.Services.GetRequiredService<ClusterWorkerPool>().DisposeAsync();
            await host.StopAsync(stop.Token);
        }
    }
}
