using Forklift.Orleans.Tests.Methods;

namespace Forklift.Orleans.Tests;

/// <summary>[Parallel] methods, unchanged, through a 2-node in-process Orleans cluster whose nodes run real worker processes.</summary>
public sealed class InProcessClusterTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    private ClusterWorkerPool Pool => cluster.Pool;

    [Fact]
    public async Task A_call_makes_the_round_trip_to_a_node_worker()
    {
        Assert.Equal(42, await ClusterWork.AddAsync(Pool, 40, 2));
    }

    [Fact]
    public async Task A_map_gives_the_local_pools_results_and_uses_both_nodes()
    {
        long[] inputs = [.. Enumerable.Range(-500, 3000).Select(i => (long)i)];
        await using var local = new WorkerPool(new WorkerPoolOptions { Workers = 1, Isolation = WorkerPoolIsolation.InProcess });

        long[] remote = await ClusterWork.SquareMapAsync(Pool, inputs);
        string[] nodes = await ClusterWork.NapMapAsync(Pool, Enumerable.Repeat(20, 16));

        Assert.Equal(await ClusterWork.SquareMapAsync(local, inputs), remote);
        Assert.Equal(2, nodes.Distinct().Count());
    }

    [Fact]
    public async Task Unordered_yields_every_input_once()
    {
        var seen = new List<int>();
        await foreach ((int index, int sum) in ClusterWork.AddUnorderedAsync(Pool, Enumerable.Range(0, 500).Select(i => (i, i))))
        {
            Assert.Equal(2 * index, sum);
            seen.Add(index);
        }

        Assert.Equal(Enumerable.Range(0, 500), seen.Order());
    }

    [Fact]
    public async Task Errors_arrive_as_the_local_pool_reports_them()
    {
        await using var local = new WorkerPool(new WorkerPoolOptions { Workers = 1 });

        Exception thrown = await Assert.ThrowsAnyAsync<Exception>(() => ClusterWork.FailAsync(Pool, "bad input"));
        Exception thrownLocally = await Assert.ThrowsAnyAsync<Exception>(() => ClusterWork.FailAsync(local, "bad input"));
        Exception inMap = await Assert.ThrowsAnyAsync<Exception>(() => ClusterWork.FailMapAsync(Pool, ["bad", "bad", "bad"]));
        Exception inMapLocally = await Assert.ThrowsAnyAsync<Exception>(() => ClusterWork.FailMapAsync(local, ["bad", "bad", "bad"]));
        WorkerCrashedException crashed = await Assert.ThrowsAsync<WorkerCrashedException>(() => ClusterWork.CrashAsync(Pool, 42));

        Assert.IsType<InvalidOperationException>(thrown);
        Assert.Equal(ExceptionShape.Of(thrownLocally), ExceptionShape.Of(thrown));

        // Every input fails, in chunks of one on two nodes: which answer arrives first (and names its input) is a race.
        Assert.Matches("^Input [012]: ", inMap.Message);
        Assert.Equal(ExceptionShape.WithoutInputIndex(inMapLocally), ExceptionShape.WithoutInputIndex(inMap));
        Assert.Equal(42, crashed.ExitCode);
        Assert.IsNotType<NodeLostException>(crashed);

        // The node replaced its crashed worker and goes on.
        Assert.Equal(3, await ClusterWork.AddAsync(Pool, 1, 2));
    }

    [Fact]
    public async Task Each_input_of_a_chunk_gets_the_methods_time_limit_on_the_node_as_on_the_local_pool()
    {
        // One chunk of 4 inputs, limit 2 s each: the slow input runs past its own limit long before the chunk's inputs
        // together would (8 s), so the node stops it at its own limit, as a local pool does.
        int[] naps = [50, 50, 50, 30_000];
        await using var local = new WorkerPool(new WorkerPoolOptions { Workers = 1 });

        WorkerTimeoutException remote = await Assert.ThrowsAsync<WorkerTimeoutException>(() => ClusterWork.NapWithinLimitMapAsync(Pool, naps));
        WorkerTimeoutException locally = await Assert.ThrowsAsync<WorkerTimeoutException>(() => ClusterWork.NapWithinLimitMapAsync(local, naps));

        Assert.Equal(TimeSpan.FromSeconds(2), remote.Timeout);
        Assert.Equal(locally.Timeout, remote.Timeout);
        Assert.All(new[] { remote.Message, locally.Message }, message =>
        {
            Assert.StartsWith("An input of ", message, StringComparison.Ordinal);
            Assert.Contains("NapWithinLimit did not complete within 00:00:02", message, StringComparison.Ordinal);
        });
        Assert.Equal(new[] { 10, 20 }, await ClusterWork.NapWithinLimitMapAsync(Pool, [10, 20]));
    }

    [Fact]
    public async Task Cancellation_reaches_the_running_call_in_the_node_worker()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"forklift-cluster-cancel-{Guid.NewGuid():N}");
        using var cancel = new CancellationTokenSource();
        try
        {
            Task<int> call = ClusterWork.WaitForCancelAsync(Pool, marker, cancel.Token);
            await Eventually.WaitAsync(() => File.Exists(marker + ".started"), "the call running in a worker");

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
            await Eventually.WaitAsync(() => File.Exists(marker), "the worker to see the cancellation");
            Assert.Equal("canceled", File.ReadAllText(marker));
        }
        finally
        {
            File.Delete(marker);
            File.Delete(marker + ".started");
        }
    }

    [Fact]
    public async Task Progress_is_streamed_back_to_the_caller()
    {
        var reports = new List<int>();
        var progress = new ListProgress(reports);

        int result = await ClusterWork.StepsAsync(Pool, 4, progress);

        Assert.Equal(4, result);
        Assert.Equal([1, 2, 3, 4], reports);
    }

    private sealed class ListProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
