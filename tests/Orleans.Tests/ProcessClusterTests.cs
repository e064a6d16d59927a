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
        await cluster.RestartAsync(victim);
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
        await cluster.RestartAsync(victim);
    }

    [Fact]
    public async Task A_node_killed_and_restarted_on_the_same_port_takes_calls_again_while_the_others_keep_running()
    {
        SiloProcess victim = cluster.Nodes[2];
        string port = $"127.0.0.1:{victim.SiloPort}@";
        string before = cluster.NodeId(victim);
        victim.Kill();
        await Eventually.WaitAsync(() => Pool.Nodes.All(n => !n.Node.StartsWith(port, StringComparison.Ordinal) || n.State != "Active"), "the killed node dropped");

        // While it is down, calls go on on the two others (one retry: a false alarm on a loaded machine costs no call).
        string[] meanwhile = await ClusterWork.NapMapAsync(Pool, Enumerable.Repeat(20, 30));

        // The same node, same ports, a new process: a new silo generation that the pool must take into rotation by itself.
        await cluster.StartNodeAsync(victim);
        long usedAt = Stopwatch.GetTimestamp();
        double usedAfter = Stopwatch.GetElapsedTime(victim.StartedAt).TotalSeconds;
        string[] firstOnRestarted = await CallsUntilOneRunsOnAsync("node2");
        output.WriteLine($"restarted silo in the pool {usedAfter:F1} s after its process started; first call on it {Stopwatch.GetElapsedTime(usedAt).TotalSeconds:F1} s after that");

        Assert.Equal(30, meanwhile.Length);
        Assert.DoesNotContain("node2", meanwhile);
        Assert.All(meanwhile, ranOn => Assert.Contains(ranOn, new[] { "node0", "node1" }));
        Assert.Contains("node2", firstOnRestarted);
        Assert.Contains(Pool.Nodes, n => n.Node.StartsWith(port, StringComparison.Ordinal) && n.Node != before);
    }

    /// <summary>Sends small maps until one of their calls runs on <paramref name="node"/> (a state, with a generous
    /// bound): the restarted node is found by the pool on its own, whatever that takes.</summary>
    private async Task<string[]> CallsUntilOneRunsOnAsync(string node)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            string[] ranOn = await ClusterWork.NapMapAsync(Pool, Enumerable.Repeat(20, 12));
            if (ranOn.Contains(node))
            {
                return ranOn;
            }

            if (watch.Elapsed > Eventually.Bound)
            {
                throw new TimeoutException($"No call ran on the restarted {node} within {Eventually.Bound}. Pool: {string.Join("; ", Pool.Nodes)}");
            }
        }
    }
}

[CollectionDefinition(nameof(ProcessClusterCollection), DisableParallelization = true)]
public sealed class ProcessClusterCollection : ICollectionFixture<ProcessCluster>;
