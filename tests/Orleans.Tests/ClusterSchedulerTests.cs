using Forklift.Dispatch;
using Forklift.Orleans.Cluster;
using Forklift.Orleans.Protocol;
using Forklift.Orleans.Tests.Methods;
using Microsoft.Extensions.Logging.Abstractions;

namespace Forklift.Orleans.Tests;

/// <summary>The cluster scheduler against an in-memory transport: no Orleans, no processes, fast and deterministic
/// (every wait is for a state; the short ping settings only make the tests quick).</summary>
public sealed class ClusterSchedulerTests : IAsyncLifetime
{
    private readonly FakeTransport _transport = new();
    private ClusterWorkerPool? _pool;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _transport.MembershipHangs = false;
        foreach (FakeNode node in Nodes)
        {
            node.Hung = false;
            node.LoseResponses = false;
            node.Gate.TrySetResult();
        }

        await _transport.DisposeAsync();
    }

    private List<FakeNode> Nodes { get; } = [];

    [Fact]
    public async Task Map_results_match_the_local_pool_and_spread_over_the_nodes()
    {
        ClusterWorkerPool pool = Create(2, 2);
        await pool.WaitForSlotsAsync(4);
        var inputs = Enumerable.Range(0, 1000).Select(i => (long)i).ToArray();
        await using var local = new WorkerPool(new WorkerPoolOptions { Workers = 2, Isolation = WorkerPoolIsolation.InProcess });

        // The chunks are held on the nodes until every slot has one: the map submits its chunks one by one, and on a
        // loaded machine each chunk could otherwise be done before the next is sent, so that all went to one node.
        Hold();
        Task<long[]> map = ClusterWork.SquareMapAsync(pool, inputs);
        await Eventually.WaitAsync(() => Nodes.Sum(n => n.Running.Count) == 4, "a chunk in every slot");
        Release();
        long[] remote = await map;
        long[] expected = await ClusterWork.SquareMapAsync(local, inputs);

        Assert.Equal(expected, remote);
        Assert.All(Nodes, node => Assert.True(node.Completed > 0, $"{node.Id} ran no chunk"));
    }

    [Fact]
    public async Task A_node_never_runs_more_calls_than_its_capacity_and_the_rest_wait_in_order()
    {
        ClusterWorkerPool pool = Create(2, 2);
        await pool.WaitForSlotsAsync(4);
        Hold();

        Task<int>[] calls = [.. Enumerable.Range(0, 6).Select(i => ClusterWork.AddAsync(pool, i, 1))];
        await Eventually.WaitAsync(() => Nodes.Sum(n => n.Running.Count) == 4, "4 calls in flight");

        Assert.All(Nodes, node => Assert.Equal(2, node.Running.Count));
        Assert.All(calls, call => Assert.False(call.IsCompleted));
        Release();
        int[] sums = await Task.WhenAll(calls);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, sums);
    }

    [Fact]
    public async Task A_dead_node_fails_its_calls_as_NodeLostException_naming_the_node()
    {
        ClusterWorkerPool pool = Create(2, 1);
        await pool.WaitForSlotsAsync(2);
        Hold();
        Task<string> call = ClusterWork.NapOnceAsync(pool, 1);
        await Eventually.WaitAsync(() => Nodes.Any(n => n.Running.Count == 1), "the call running");
        FakeNode victim = Nodes.Single(n => n.Running.Count == 1);

        victim.Member = MemberStatus.Dead;

        NodeLostException error = await Assert.ThrowsAsync<NodeLostException>(() => call);
        Assert.IsAssignableFrom<WorkerCrashedException>(error);
        Assert.Equal(victim.Id, error.Node);
        Assert.Contains(victim.Id, error.Message, StringComparison.Ordinal);
        await Eventually.WaitAsync(() => pool.Nodes.All(n => n.Node != victim.Id), "the dead node forgotten");
    }

    [Fact]
    public async Task A_dead_nodes_call_is_retried_on_another_node_when_the_method_allows_it()
    {
        ClusterWorkerPool pool = Create(2, 1);
        await pool.WaitForSlotsAsync(2);
        Hold();
        Task<string> call = ClusterWork.NapAsync(pool, 1);
        await Eventually.WaitAsync(() => Nodes.Any(n => n.Running.Count == 1), "the call running");
        FakeNode victim = Nodes.Single(n => n.Running.Count == 1);
        FakeNode survivor = Nodes.Single(n => n != victim);

        victim.Member = MemberStatus.Dead;
        survivor.Gate.TrySetResult();

        Assert.Equal("?", await call);
        Assert.Equal(1, survivor.Completed);
        Assert.Equal(0, victim.Completed);
    }

    [Fact]
    public async Task A_hung_node_is_dropped_after_missed_pings_its_calls_retried_and_it_returns_when_it_answers_again()
    {
        ClusterWorkerPool pool = Create(2, 1);
        await pool.WaitForSlotsAsync(2);
        FakeNode hung = Nodes[0];
        hung.Hung = true;

        string[] results = await ClusterWork.NapMapAsync(pool, Enumerable.Repeat(1, 20));

        Assert.Equal(20, results.Length);
        await Eventually.WaitAsync(() => pool.Nodes.Single(n => n.Node == hung.Id).State == "Quarantined", "the hung node quarantined");
        hung.Hung = false;
        await Eventually.WaitAsync(() => pool.Nodes.Single(n => n.Node == hung.Id).State == "Active", "the node back in rotation");
    }

    [Fact]
    public async Task A_membership_read_that_never_answers_does_not_stop_the_pings_that_drop_a_hung_node()
    {
        ClusterWorkerPool pool = Create(2, 1);
        await pool.WaitForSlotsAsync(2);
        _transport.MembershipHangs = true;
        FakeNode hung = Nodes[0];
        hung.Hung = true;

        string[] results = await ClusterWork.NapMapAsync(pool, Enumerable.Repeat(1, 20)).WaitAsync(Eventually.Bound);

        Assert.Equal(20, results.Length);
        await Eventually.WaitAsync(() => pool.Nodes.Single(n => n.Node == hung.Id).State == "Quarantined", "the hung node quarantined while membership hangs");
        Assert.Equal("Active", pool.Nodes.Single(n => n.Node == Nodes[1].Id).State);
        _transport.MembershipHangs = false;
    }

    [Fact]
    public async Task A_call_that_never_reached_a_node_is_retried_even_without_retries()
    {
        ClusterWorkerPool pool = Create(1, 1);
        await pool.WaitForSlotsAsync(1);
        Nodes[0].RejectNext = 1;

        Assert.Equal(5, await ClusterWork.AddAsync(pool, 2, 3));
        Assert.Equal(1, Nodes[0].Completed);
    }

    [Fact]
    public async Task A_node_with_a_different_build_is_refused_with_a_clear_error()
    {
        ClusterWorkerPool pool = Create(1, 1, o => o.NoNodeTimeout = TimeSpan.FromMilliseconds(300));
        Nodes[0].FingerprintOverride = "Forklift 0.0.0 mvid 0000 methods 0 hash 00";

        WorkerStartException error = await Assert.ThrowsAsync<WorkerStartException>(() => ClusterWork.AddAsync(pool, 1, 2));

        Assert.Contains("different build", error.Message, StringComparison.Ordinal);
        Assert.Contains(Nodes[0].Id, error.Message, StringComparison.Ordinal);
        Assert.Equal("Refused", pool.Nodes.Single().State);
        Assert.Equal(0, Nodes[0].Received);
    }

    [Fact]
    public async Task Cancellation_ends_a_queued_call_at_once_and_reaches_a_running_one()
    {
        ClusterWorkerPool pool = Create(1, 1);
        await pool.WaitForSlotsAsync(1);
        Hold();
        using var runningCancel = new CancellationTokenSource();
        using var queuedCancel = new CancellationTokenSource();
        Task<int> running = ClusterWork.AddAsync(pool, 1, 1, runningCancel.Token);
        await Eventually.WaitAsync(() => Nodes[0].Running.Count == 1, "the first call running");
        Task<int> queued = ClusterWork.AddAsync(pool, 2, 2, queuedCancel.Token);

        queuedCancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        runningCancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        await Eventually.WaitAsync(() => Nodes[0].SawCancellation == 1, "the node told to cancel");
        Assert.Equal(1, Nodes[0].Received);
    }

    [Fact]
    public async Task A_node_that_never_answers_a_call_it_still_runs_fails_it_at_the_deadline()
    {
        ClusterWorkerPool pool = Create(1, 1, o =>
        {
            o.TaskTimeout = TimeSpan.FromMilliseconds(200);
            o.DeadlineGrace = TimeSpan.FromMilliseconds(200);
        });
        await pool.WaitForSlotsAsync(1);
        Hold();
        Nodes[0].IgnoresCancellation = true;

        WorkerTimeoutException error = await Assert.ThrowsAsync<WorkerTimeoutException>(() => ClusterWork.AddAsync(pool, 1, 1));

        Assert.Contains(Nodes[0].Id, error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMilliseconds(200), error.Timeout);
    }

    [Fact]
    public async Task A_lost_response_fails_the_call_through_the_lease_even_without_a_deadline()
    {
        ClusterWorkerPool pool = Create(1, 1);
        await pool.WaitForSlotsAsync(1);
        Nodes[0].LoseResponses = true;

        NodeLostException error = await Assert.ThrowsAsync<NodeLostException>(() => ClusterWork.NapOnceAsync(pool, 1));

        Assert.Equal(Nodes[0].Id, error.Node);
    }

    [Fact]
    public async Task A_request_in_transit_past_several_pings_is_not_lost_within_the_grace_a_silent_node_gets()
    {
        // Pings every 50 ms list no call while the request is in transit; the grace is PingTimeout x MissedPingsLimit.
        ClusterWorkerPool pool = Create(1, 1, o => o.PingTimeout = TimeSpan.FromSeconds(60));
        await pool.WaitForSlotsAsync(1);
        FakeNode node = Nodes[0];
        node.Transit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<int> call = ClusterWork.AddAsync(pool, 2, 3);
        await Eventually.WaitAsync(() => node.Received == 1, "the request sent");
        int pingsBefore = Volatile.Read(ref node.Pings);
        await Eventually.WaitAsync(() => Volatile.Read(ref node.Pings) >= pingsBefore + 4, "four pings without the call");
        Assert.False(call.IsCompleted);
        node.Transit.TrySetResult();

        Assert.Equal(5, await call);
    }

    [Fact]
    public async Task A_draining_node_gets_no_new_calls_and_finishes_the_ones_it_runs()
    {
        ClusterWorkerPool pool = Create(2, 1);
        await pool.WaitForSlotsAsync(2);
        FakeNode draining = Nodes[0];
        draining.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> first = ClusterWork.AddAsync(pool, 1, 1);
        await Eventually.WaitAsync(() => draining.Running.Count == 1 || Nodes[1].Completed == 1, "the first call placed");
        draining.Draining = true;
        await Eventually.WaitAsync(() => pool.Nodes.Single(n => n.Node == draining.Id).State == "Draining", "the node draining");
        int receivedBefore = draining.Received;

        int[] more = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => ClusterWork.AddAsync(pool, i, 0)));
        draining.Gate.TrySetResult();

        Assert.Equal(2, await first);
        Assert.Equal(Enumerable.Range(0, 10), more);
        Assert.Equal(receivedBefore, draining.Received);
    }

    [Fact]
    public async Task A_remote_exception_arrives_with_its_chain_and_unordered_yields_every_index_once()
    {
        ClusterWorkerPool pool = Create(2, 1, o => o.ChunkSize = 7);
        await pool.WaitForSlotsAsync(2);

        Exception error = await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterWork.FailAsync(pool, "boom"));
        var seen = new List<int>();
        await foreach ((int index, int sum) in ClusterWork.AddUnorderedAsync(pool, Enumerable.Range(0, 100).Select(i => (i, 1))))
        {
            Assert.Equal(index + 1, sum);
            seen.Add(index);
        }

        Assert.Equal("boom", error.Message);
        Assert.Equal("System.InvalidOperationException", Assert.IsType<RemoteException>(error.InnerException).RemoteType);
        Assert.Contains("System.ArgumentException", ExceptionShape.Of(error), StringComparison.Ordinal);
        Assert.Contains("inner boom", ExceptionShape.Of(error), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 100), seen.Order());
    }

    [Fact]
    public async Task Progress_reports_reach_the_caller()
    {
        ClusterWorkerPool pool = Create(1, 1);
        await pool.WaitForSlotsAsync(1);
        var reports = new List<int>();
        var progress = new SynchronousProgress(reports);

        int result = await ClusterWork.StepsAsync(pool, 5, progress);

        Assert.Equal(5, result);
        Assert.Equal([1, 2, 3, 4, 5], reports);
    }

    private ClusterWorkerPool Create(int nodes, int capacity, Action<ForkliftClusterOptions>? configure = null)
    {
        for (int i = 0; i < nodes; i++)
        {
            Nodes.Add(_transport.AddNode($"127.0.0.1:{11111 + i}@1", capacity));
        }

        var options = new ForkliftClusterOptions
        {
            MembershipRefresh = TimeSpan.FromMilliseconds(20),
            PingPeriod = TimeSpan.FromMilliseconds(50),
            PingTimeout = TimeSpan.FromMilliseconds(200),
        };
        configure?.Invoke(options);
        _pool = new ClusterWorkerPool(new ClusterScheduler(_transport, options, new BuildFingerprint(), NullLogger.Instance), options);
        return _pool;
    }

    private void Hold()
    {
        foreach (FakeNode node in Nodes)
        {
            node.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void Release()
    {
        foreach (FakeNode node in Nodes)
        {
            node.Gate.TrySetResult();
        }
    }

    private sealed class SynchronousProgress(List<int> reports) : IProgress<int>
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
