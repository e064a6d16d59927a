using Forklift.Orleans.Tests.Methods;

namespace Forklift.Orleans.Tests;

/// <summary>Nodes joining and leaving an in-process cluster while calls run.</summary>
public sealed class InProcessMembershipTests : IAsyncLifetime
{
    private readonly TwoNodeCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_joining_node_takes_calls_and_a_gracefully_stopping_node_drains_without_failing_any()
    {
        ClusterWorkerPool pool = _cluster.Pool;

        // Join: a third node enters rotation.
        var joined = await _cluster.Cluster.StartAdditionalSiloAsync();
        await pool.WaitForSlotsAsync(3).WaitAsync(Eventually.StartBound);
        string[] before = await ClusterWork.NapOnceMapAsync(pool, Enumerable.Repeat(30, 30));
        Assert.Equal(3, before.Distinct().Count());

        // Graceful stop of a node (not the caller's silo) in the middle of a map of calls without retries.
        Task<string[]> map = ClusterWork.NapOnceMapAsync(pool, Enumerable.Repeat(30, 60));
        await Eventually.WaitAsync(() => pool.Nodes.Any(n => n.Node == joined.SiloAddress.ToParsableString() && n.Running > 0), "a call on the node to stop");
        await _cluster.Cluster.StopSiloAsync(joined);
        string[] results = await map;

        Assert.Equal(60, results.Length);
        await Eventually.WaitAsync(() => pool.Nodes.All(n => n.Node != joined.SiloAddress.ToParsableString()), "the stopped node gone from the pool");
    }
}
