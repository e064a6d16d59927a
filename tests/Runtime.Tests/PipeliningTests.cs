using System.Diagnostics;
using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>Map pipelining: a second chunk waits in a busy worker's pipe. It gets its timeout only when it starts, a
/// lost worker sends it back to the queue without counting an attempt, and cancelling its map stops it. Real
/// processes; every wait is for a state (a file, a pid, a pipelined call), never for time to pass by itself.</summary>
public sealed class PipeliningTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary><see cref="TestMethods.WaitForFile"/> with one input per chunk and no time limit of its own.</summary>
    private static readonly ParallelMethod<string?, int> GateOnePerChunk = WithOptions(TestMethods.WaitForFile, new ParallelMethodOptions { ChunkSize = 1, Timeout = TimeSpan.FromHours(1) });

    /// <summary><see cref="TestMethods.Echo"/> with one input per chunk.</summary>
    private static readonly ParallelMethod<int, int> EchoOnePerChunk = WithOptions(TestMethods.Echo, new ParallelMethodOptions { ChunkSize = 1 });

    private readonly string _directory = Directory.CreateTempSubdirectory("forklift-pipelining-").FullName;
    private readonly List<WorkerPool> _pools = [];

    public void Dispose()
    {
        // Terminate, not DisposeAsync: after a failed assertion a gated call never ends, and disposing would wait for it.
        foreach (WorkerPool pool in _pools)
        {
            pool.Terminate();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_map_keeps_a_second_chunk_in_the_busy_workers_pipe_and_returns_every_result_in_order()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        string gate = Path.Combine(_directory, "gate");
        var started = new CallStarted();

        Task<int[]> map = pool.MapAsync(GateOnePerChunk, [gate, string.Empty, string.Empty, string.Empty], started.Sink);
        int pid = await started.ProcessId.WaitAsync(Wait);
        await WaitForPipelinedAsync(pool, "the second chunk to be written behind the running one");
        File.WriteAllText(gate, string.Empty);

        Assert.Equal(new[] { pid, 0, 0, 0 }, await map.WaitAsync(Wait));
        Assert.Equal(0, pool.PipelinedCalls);
    }

    [Fact]
    public async Task A_map_whose_requests_and_results_are_larger_than_a_pipe_buffer_completes()
    {
        // Chunks of 25,000 inputs: 200 KB requests and results, above the 64 KB a pipe holds. A chunk written behind a
        // running one must neither block the thread that reads the worker's answers nor wait for the running one.
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        int[] inputs = Enumerable.Range(0, 100_000).ToArray();

        for (int round = 0; round < 3; round++)
        {
            Assert.Equal(inputs, await pool.MapAsync(TestMethods.Echo, inputs).WaitAsync(Wait));
        }
    }

    [Fact]
    public async Task A_pipelined_chunk_gets_its_timeout_when_it_starts_not_while_it_waits()
    {
        // The pool's timeout (3 s) applies to Echo; the gated chunk in front of it has an hour.
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1, TaskTimeout = TimeSpan.FromSeconds(3) });
        string gate = Path.Combine(_directory, "gate");
        var started = new CallStarted();
        Task<int[]> front = pool.MapAsync(GateOnePerChunk, [gate], started.Sink);
        int pid = await started.ProcessId.WaitAsync(Wait);

        Task<int[]> behind = pool.MapAsync(EchoOnePerChunk, [7]);
        await WaitForPipelinedAsync(pool, "the Echo chunk to be written behind the gated one");

        // Twice Echo's timeout passes while it waits in the pipe: had its clock started, the watchdog would have killed
        // the worker (failing both maps).
        var waited = Stopwatch.StartNew();
        await FixtureApps.WaitUntilAsync(() => waited.Elapsed > TimeSpan.FromSeconds(6), Wait, () => "six seconds");
        File.WriteAllText(gate, string.Empty);

        Assert.Equal(new[] { pid }, await front.WaitAsync(Wait));
        Assert.Equal(new[] { 7 }, await behind.WaitAsync(Wait));
    }

    [Fact]
    public async Task A_crash_fails_the_running_chunk_and_retries_the_pipelined_one_without_counting_an_attempt()
    {
        // MaxRetries = 0: the running chunk fails with the crash; the chunk behind it never ran, so it runs elsewhere.
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        string gate = Path.Combine(_directory, "gate");
        var started = new CallStarted();
        Task<int[]> front = pool.MapAsync(GateOnePerChunk, [gate], started.Sink);
        int pid = await started.ProcessId.WaitAsync(Wait);
        Task<int[]> behind = pool.MapAsync(EchoOnePerChunk, [1, 2, 3]);
        await WaitForPipelinedAsync(pool, "a chunk to be written behind the gated one");

        using (Process worker = Process.GetProcessById(pid))
        {
            worker.Kill();
        }

        WorkerCrashedException crash = await Assert.ThrowsAsync<WorkerCrashedException>(() => front.WaitAsync(Wait));
        Assert.Equal(pid, crash.ProcessId);
        Assert.Equal(new[] { 1, 2, 3 }, await behind.WaitAsync(Wait));
    }

    [Fact]
    public async Task With_a_retry_both_the_running_and_the_pipelined_chunk_complete_on_a_new_worker()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1 });
        ParallelMethod<string?, int> retried = WithOptions(TestMethods.WaitForFile, new ParallelMethodOptions { ChunkSize = 1, MaxRetries = 1, Timeout = TimeSpan.FromHours(1) });
        string gate = Path.Combine(_directory, "gate");
        var started = new CallStarted();
        Task<int[]> map = pool.MapAsync(retried, [gate, gate], started.Sink);
        int pid = await started.ProcessId.WaitAsync(Wait);
        await WaitForPipelinedAsync(pool, "the second chunk to be written behind the first");

        using (Process worker = Process.GetProcessById(pid))
        {
            worker.Kill();
            await worker.WaitForExitAsync().WaitAsync(Wait);
        }

        // Opened only now, so neither chunk can have finished on the killed worker.
        File.WriteAllText(gate, string.Empty);

        int[] pids = await map.WaitAsync(Wait);
        Assert.Equal(2, pids.Length);
        Assert.DoesNotContain(pid, pids);
    }

    [Fact]
    public async Task Cancelling_a_map_stops_its_pipelined_chunk_before_it_starts()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1, CancellationGracePeriod = TimeSpan.FromMilliseconds(200) });
        string first = Path.Combine(_directory, "first");
        string second = Path.Combine(_directory, "second");
        using var cts = new CancellationTokenSource();
        var started = new CallStarted();
        Task<int[]> map = pool.MapAsync(GateOnePerChunk, [first, second, second], started.Sink, cts.Token);
        int pid = await started.ProcessId.WaitAsync(Wait);
        await WaitForPipelinedAsync(pool, "the second chunk to be written behind the first");

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => map.WaitAsync(Wait));

        // The first chunk takes no token and never ends: its worker is killed after the grace period, before the
        // pipelined chunk could start. A call on the replacement proves the pool went on.
        Assert.NotEqual(pid, await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait));
        Assert.False(File.Exists(second + ".started"), "The pipelined chunk of the cancelled map ran.");
    }

    [Fact]
    public async Task Cancelling_a_map_of_a_method_that_takes_a_token_cancels_both_chunks_and_keeps_the_worker()
    {
        WorkerPool pool = NewPool(new WorkerPoolOptions { Workers = 1, CancellationGracePeriod = TimeSpan.FromMinutes(1) });
        ParallelMethod<string?, int> method = WithOptions(TestMethods.WaitForFileWithToken, new ParallelMethodOptions { ChunkSize = 1, AcceptsCancellation = true, Timeout = TimeSpan.FromHours(1) });
        string never = Path.Combine(_directory, "never");
        using var cts = new CancellationTokenSource();
        var started = new CallStarted();
        Task<int[]> map = pool.MapAsync(method, [never, never, never], started.Sink, cts.Token);
        int pid = await started.ProcessId.WaitAsync(Wait);
        await WaitForPipelinedAsync(pool, "the second chunk to be written behind the first");

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => map.WaitAsync(Wait));

        // Both forwarded cancels reached the worker (the pipelined chunk is skipped, or stops at once if it had
        // started): the same worker answers next, long before the one-minute grace period would have killed it.
        Assert.Equal(pid, await pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private WorkerPool NewPool(WorkerPoolOptions options)
    {
        var pool = new WorkerPool(options);
        _pools.Add(pool);
        return pool;
    }

    private static Task WaitForPipelinedAsync(WorkerPool pool, string what)
        => FixtureApps.WaitUntilAsync(() => pool.PipelinedCalls == 1, Wait, () => $"{what} ({pool.DescribeWorkers()})");

    private static ParallelMethod<TArgs, TResult> WithOptions<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, ParallelMethodOptions options)
        => new(method.Id, method.Name, method.DeclaringType, method.Arguments, method.Result, (_, _) => throw new InvalidOperationException("runs in a worker"), options);
}
