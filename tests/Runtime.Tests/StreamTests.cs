using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>Maps and unordered streams: leaving early stops the work, and every input has its own timeout. Real processes.</summary>
public sealed class StreamTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary><see cref="TestMethods.Sleep"/> sent one input per chunk (the worker runs the registered Sleep).</summary>
    private static readonly ParallelMethod<int, int> SleepOnePerChunk = new(
        TestMethods.Sleep.Id, "Sleep", typeof(TestMethods), TestCodecs.Int32, TestCodecs.Int32, (ms, _) => ValueTask.FromResult(ms), new ParallelMethodOptions { ChunkSize = 1 });

    /// <summary><see cref="TestMethods.Sleep"/> sent ten inputs per chunk.</summary>
    private static readonly ParallelMethod<int, int> SleepTenPerChunk = new(
        TestMethods.Sleep.Id, "Sleep", typeof(TestMethods), TestCodecs.Int32, TestCodecs.Int32, (ms, _) => ValueTask.FromResult(ms), new ParallelMethodOptions { ChunkSize = 10 });

    [Fact]
    public async Task Leaving_UnorderedAsync_early_stops_its_remaining_chunks()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, CancellationGracePeriod = TimeSpan.FromMilliseconds(200) });

        // Three chunks of 60 s each wait behind the first; before, they all ran after the loop was left (3 minutes).
        await foreach ((int index, int _) in pool.UnorderedAsync(SleepOnePerChunk, [0, 60_000, 60_000, 60_000]).WithCancellation(default))
        {
            Assert.Equal(0, index);
            break;
        }

        Assert.Equal(5, await pool.InvokeAsync(TestMethods.Echo, 5).WaitAsync(Wait));
    }

    [Fact]
    public async Task Cancelling_UnorderedAsync_stops_its_remaining_chunks()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, CancellationGracePeriod = TimeSpan.FromMilliseconds(200) });
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach ((int index, int _) in pool.UnorderedAsync(SleepOnePerChunk, [0, 60_000, 60_000, 60_000], cancellationToken: cts.Token))
            {
                Assert.Equal(0, index);
                cts.Cancel();
            }
        });

        Assert.Equal(6, await pool.InvokeAsync(TestMethods.Echo, 6).WaitAsync(Wait));
    }

    [Fact]
    public async Task A_hung_input_of_a_map_times_out_on_its_own_timeout_not_its_chunks()
    {
        // One chunk of ten inputs with a 10 s timeout each: before, the chunk got 10 x 10 s = 100 s, beyond the wait here.
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, TaskTimeout = TimeSpan.FromSeconds(10) });
        int[] inputs = [.. Enumerable.Repeat(0, 9), int.MaxValue];

        WorkerTimeoutException error = await Assert.ThrowsAsync<WorkerTimeoutException>(() => pool.MapAsync(SleepTenPerChunk, inputs).WaitAsync(Wait));

        Assert.Equal(TimeSpan.FromSeconds(10), error.Timeout);
        Assert.Contains("An input of Sleep", error.Message);
    }
}
