using System.Diagnostics;
using Forklift.Orleans.Tests.Methods;
using Xunit.Abstractions;

namespace Forklift.Orleans.Tests;

/// <summary>
/// Real faults on real processes: kill -9, SIGSTOP and restart of node silos while maps run. The tests share one
/// cluster, one at a time, and each leaves three live nodes; they start 4 silos and their workers, so they do not run
/// beside other process-heavy tests.
/// </summary>
[Collection(nameof(ProcessClusterCollection))]
public sealed class ProcessClusterTests(ProcessCluster cluster, ITestOutputHelper output)
{
    private ClusterWorkerPool Pool => cluster.Pool;

    [Fact]
    public async Task A_parallel_method_runs_unchanged_on_three_node_processes_with_the_local_pools_results()
    {
        var ranges = Enumerable.Range(0, 60).Select(i => (i * 1000, (i + 1) * 1000)).ToArray();
        await using var local = new WorkerPool(new WorkerPoolOptions { Workers = 2 });

        int[] remote = await ClusterWork.CountPrimesMapAsync(Pool, ranges);
        string[] nodes = await ClusterWork.NapOnceMapAsync(Pool, Enumerable.Repeat(20, 30));

        Assert.Equal(await ClusterWork.CountPrimesMapAsync(local, ranges), remote);
        Assert.Equal(["node0", "node1", "node2"], nodes.Distinct().Order());
    }

    [Fact]
    public async Task Kill_9_of_a_node_mid_map_loses_no_call_with_one_retry()
    {
        SiloProcess victim = cluster.Nodes[0];
        string victimId = cluster.NodeId(victim);
        Task<string[]> map = ClusterWork.NapMapAsync(Pool, Enumerable.Repeat(50, 150));
        await Eventually.WaitAsync(() => Pool.Nodes.Any(n => n.Node == victimId && n.Running > 0), "a chunk on the victim");

        var watch = Stopwatch.StartNew();
        victim.Kill();
        await Eventually.WaitAsync(() => Pool.Nodes.All(n => n.Node != victimId || n.State != "Active"), "the killed node dropped");
        output.WriteLine($"killed node dropped after {watch.ElapsedMilliseconds} ms");
        string[] results = await map;

        Assert.Equal(150, results.Length);
        Assert.All(results, node => Assert.StartsWith("node", node, StringComparison.Ordinal));
        await RestartAsync(victim);
    }

    [Fact]
    public async Task A_SIGSTOPped_node_is_dropped_within_seconds_and_the_map_finishes()
    {
        SiloProcess victim = cluster.Nodes[1];
        string victimId = cluster.NodeId(victim);
        Task<string[]> map = ClusterWork.NapMapAsync(Pool, Enumerable.Repeat(50, 150));
        await Eventually.WaitAsync(() => Pool.Nodes.Any(n => n.Node == victimId && n.Running > 0), "a chunk on the victim");

        var watch = Stopwatch.StartNew();
        victim.Freeze();
        await Eventually.WaitAsync(() => Pool.Nodes.All(n => n.Node != victimId || n.State != "Active"), "the hung node dropped");
        long dropped = watch.ElapsedMilliseconds;
        string[] results = await map;
        output.WriteLine($"hung node dropped after {dropped} ms; map finished after {watch.ElapsedMilliseconds} ms");

        Assert.Equal(150, results.Length);
        Assert.All(results, node => Assert.StartsWith("node", node, StringComparison.Ordinal));
        await RestartAsync(victim);
    }

    [Fact]
    public async Task A_restarted_node_takes_calls_again()
    {
        SiloProcess victim = cluster.Nodes[2];
        victim.Kill();
        await Eventually.WaitAsync(() => Pool.Nodes.All(n => !n.Node.StartsWith($"127.0.0.1:{victim.SiloPort}@", StringComparison.Ordinal) || n.State != "Active"), "the killed node dropped");

        await victim.StartAsync();
        long started = victim.StartedAt;
        double readyAfter = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Eventually.WaitAsync(() => cluster.NodeId(victim).Length > 0, "the restarted node active");
        double activeAfter = Stopwatch.GetElapsedTime(started).TotalSeconds;
        string[] nodes = await ClusterWork.NapOnceMapAsync(Pool, Enumerable.Repeat(20, 30));
        output.WriteLine($"restarted silo ready {readyAfter:F1} s and active in the pool {activeAfter:F1} s after its process started");

        Assert.Contains("node2", nodes);
    }

    private async Task RestartAsync(SiloProcess node)
    {
        node.Dispose();
        await node.StartAsync();
        await Eventually.WaitAsync(() => cluster.NodeId(node).Length > 0, $"{node.Name} back", Eventually.StartBound);
    }
}

[CollectionDefinition(nameof(ProcessClusterCollection), DisableParallelization = true)]
public sealed class ProcessClusterCollection : ICollectionFixture<ProcessCluster>;
