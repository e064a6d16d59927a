using System.Diagnostics;
using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary><see cref="WorkerPool.UnorderedAsync"/> yields each result as soon as its input is done, not when its whole
/// chunk is. Real processes; the slow input waits for a file the test creates only after it has seen the fast results,
/// so the test hangs (and fails at its bound) unless they come first.</summary>
public sealed class UnorderedItemTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly string _directory = Directory.CreateTempSubdirectory("forklift-unordered-").FullName;
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
    public async Task The_fast_inputs_of_a_chunk_are_yielded_while_a_slow_input_of_the_same_chunk_runs()
    {
        WorkerPool pool = NewPool();
        string gate = Path.Combine(_directory, "gate");
        ParallelMethod<string?, int> oneChunk = WithChunkSize(TestMethods.WaitForFile, 4);
        var seen = new List<int>();
        using var bound = new CancellationTokenSource(Wait);

        await foreach ((int index, int result) in pool.UnorderedAsync(oneChunk, [string.Empty, string.Empty, gate, string.Empty]).WithCancellation(bound.Token))
        {
            seen.Add(index);
            if (seen.Count == 2)
            {
                // Inputs 0 and 1 came back while input 2 of the same chunk still waits for this file.
                Assert.Equal([0, 1], seen);
                Assert.Equal(0, result);
                File.WriteAllText(gate, string.Empty);
            }
        }

        Assert.Equal([0, 1, 2, 3], seen);
    }

    [Fact]
    public async Task A_retried_chunk_runs_only_the_inputs_whose_results_were_not_yielded_yet()
    {
        WorkerPool pool = NewPool();
        string gate = Path.Combine(_directory, "gate");
        ParallelMethod<string?, int> retried = WithChunkSize(TestMethods.WaitForFile, 3, maxRetries: 1);
        var started = new CallStarted();
        var results = new Dictionary<int, int>();
        using var bound = new CancellationTokenSource(Wait);

        await foreach ((int index, int result) in pool.UnorderedAsync(retried, [string.Empty, string.Empty, gate], started.Sink).WithCancellation(bound.Token))
        {
            Assert.True(results.TryAdd(index, result), $"Index {index} was yielded twice.");
            if (results.Count == 2)
            {
                // Inputs 0 and 1 are done; input 2 runs. Kill its worker, and only then open the gate.
                int pid = await started.ProcessId.WaitAsync(Wait);
                using (Process worker = Process.GetProcessById(pid))
                {
                    worker.Kill();
                    await worker.WaitForExitAsync().WaitAsync(Wait);
                }

                File.WriteAllText(gate, string.Empty);
            }
        }

        Assert.Equal([0, 1, 2], results.Keys.Order());
        Assert.NotEqual(await started.ProcessId, results[2]);
    }

    private WorkerPool NewPool()
    {
        var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        _pools.Add(pool);
        return pool;
    }

    private static ParallelMethod<string?, int> WithChunkSize(ParallelMethod<string?, int> method, int chunkSize, int maxRetries = 0)
        => new(method.Id, method.Name, method.DeclaringType, method.Arguments, method.Result, (_, _) => throw new InvalidOperationException("runs in a worker"), new ParallelMethodOptions { ChunkSize = chunkSize, MaxRetries = maxRetries, Timeout = TimeSpan.FromHours(1) });
}
