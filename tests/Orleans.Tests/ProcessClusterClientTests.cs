using Forklift.Orleans.Tests.Methods;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Xunit.Abstractions;

namespace Forklift.Orleans.Tests;

/// <summary>
/// The caller is an Orleans client (<c>UseOrleansClient</c>), not a silo: it reaches the real node processes through
/// their gateways, and its membership comes from the management grain. Same cluster and collection as
/// <see cref="ProcessClusterTests"/>; each test leaves three live nodes.
/// </summary>
[Collection(nameof(ProcessClusterCollection))]
public sealed class ProcessClusterClientTests(ProcessCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task An_Orleans_client_caller_runs_maps_on_every_node_with_the_local_pools_results()
    {
        await using var client = await ClientCaller.StartAsync(cluster);
        ClusterWorkerPool pool = client.Pool;
        var ranges = Enumerable.Range(0, 30).Select(i => (i * 1000, (i + 1) * 1000)).ToArray();
        await using var local = new WorkerPool(new WorkerPoolOptions { Workers = 1 });

        int[] remote = await ClusterWork.CountPrimesMapAsync(pool, ranges);
        string[] nodes = await ClusterWork.NapMapAsync(pool, Enumerable.Repeat(20, 30));

        Assert.Same(pool, client.Host.Services.GetRequiredService<IWorkerPool>());
        Assert.Equal(await ClusterWork.CountPrimesMapAsync(local, ranges), remote);
        Assert.Equal(["node0", "node1", "node2"], nodes.Distinct().Order());
        Assert.Equal(3, pool.Nodes.Count(n => n.State == "Active"));
    }

    [Fact]
    public async Task An_Orleans_client_caller_drops_a_killed_node_and_loses_no_call_with_one_retry()
    {
        // Orleans alone fails a client's in-flight calls to a killed silo only at the response timeout; Forklift's
        // pings through the gateways drop the node and retry its calls elsewhere.
        await using var client = await ClientCaller.StartAsync(cluster);
        ClusterWorkerPool pool = client.Pool;
        SiloProcess victim = cluster.Nodes[1];
        string victimPrefix = $"127.0.0.1:{victim.SiloPort}@";
        Task<string[]> map = ClusterWork.NapMapAsync(pool, Enumerable.Repeat(50, 150));
        await Eventually.WaitAsync(() => pool.Nodes.Any(n => n.Node.StartsWith(victimPrefix, StringComparison.Ordinal) && n.Running > 0), "a chunk on the victim");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        victim.Kill();
        await Eventually.WaitAsync(() => pool.Nodes.All(n => !n.Node.StartsWith(victimPrefix, StringComparison.Ordinal) || n.State != "Active"), "the killed node dropped by the client caller");
        output.WriteLine($"killed node dropped by the client caller after {watch.ElapsedMilliseconds} ms");
        string[] results = await map;

        Assert.Equal(150, results.Length);
        Assert.All(results, node => Assert.StartsWith("node", node, StringComparison.Ordinal));
        await cluster.RestartAsync(victim);
    }

    /// <summary>A host with an Orleans client of the test cluster (all three gateways) and <c>AddForkliftCluster</c>.</summary>
    private sealed class ClientCaller : IAsyncDisposable
    {
        private ClientCaller(IHost host, ClusterWorkerPool pool)
        {
            Host = host;
            Pool = pool;
        }

        public IHost Host { get; }

        public ClusterWorkerPool Pool { get; }

        public static async Task<ClientCaller> StartAsync(ProcessCluster cluster)
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
            builder.UseOrleansClient(client => client.UseLocalhostClustering(
                [.. cluster.Nodes.Select(n => n.GatewayPort)], serviceId: cluster.ClusterId, clusterId: cluster.ClusterId));
            builder.Services.AddForkliftCluster(options =>
            {
                // As the fixture's silo caller: fast detection; a false alarm under load only costs a retry.
                options.PingPeriod = TimeSpan.FromMilliseconds(500);
                options.PingTimeout = TimeSpan.FromSeconds(2);
                options.MissedPingsLimit = 2;
            });
            IHost host = builder.Build();
            await host.StartAsync();
            var caller = new ClientCaller(host, host.Services.GetRequiredService<ClusterWorkerPool>());
            await caller.Pool.WaitForSlotsAsync(3).WaitAsync(Eventually.StartBound);
            return caller;
        }

        public async ValueTask DisposeAsync()
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Pool.DisposeAsync();
            await Host.StopAsync(stop.Token);
            Host.Dispose();
        }
    }
}
