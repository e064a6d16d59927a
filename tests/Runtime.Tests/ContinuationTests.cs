using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>
/// The pool's promise that a caller's continuation never runs on a thread the reading of a worker's answers waits
/// for: a continuation that blocks, waits synchronously for another call to the same worker, throws, or never returns
/// must not stall or deadlock the answers. One worker, so every call goes through the same pipe and reading thread.
/// </summary>
/// <remarks>Continuations are attached with <see cref="TaskContinuationOptions.ExecuteSynchronously"/> (and as plain
/// <c>await</c>s), so they run on whichever thread completes the task: if that were the worker's reading thread, the
/// nested call's answer would never be read and the test would end at its bound, not hang.</remarks>
public sealed class ContinuationTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly WorkerPool _pool = new(new WorkerPoolOptions { Workers = 1 });

    public async Task InitializeAsync() => await _pool.WarmUpAsync().WaitAsync(Wait);

    // Bounded too: with a reading thread stuck in a continuation the pool could never report its worker gone.
    public async Task DisposeAsync() => await _pool.DisposeAsync().AsTask().WaitAsync(Wait);

    [Fact]
    public async Task A_continuation_that_blocks_on_a_second_InvokeAsync_to_the_same_worker_gets_its_answer()
    {
        Task<int> nested = _pool.InvokeAsync(TestMethods.Echo, 1).ContinueWith(
            first => _pool.InvokeAsync(TestMethods.Echo, first.Result + 1).GetAwaiter().GetResult(),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        Assert.Equal(2, await nested.WaitAsync(Wait));
    }

    [Fact]
    public async Task A_continuation_that_blocks_on_a_second_Invoke_to_the_same_worker_gets_its_answer()
    {
        // Invoke reads its own answer when it can take the worker's pipe; from the reading thread it could not.
        Task<int> nested = _pool.InvokeAsync(TestMethods.Echo, 10).ContinueWith(
            first => _pool.Invoke(TestMethods.Echo, first.Result + 1),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        Assert.Equal(11, await nested.WaitAsync(Wait));
    }

    [Fact]
    public async Task An_awaiting_method_that_then_blocks_on_the_same_worker_gets_its_answer()
    {
        async Task<int> AwaitThenBlockAsync()
        {
            int first = await _pool.InvokeAsync(TestMethods.Echo, 20);

            // Whatever thread resumed us blocks here until the worker's next answer is read.
            return _pool.InvokeAsync(TestMethods.Echo, first + 1).GetAwaiter().GetResult() + _pool.Invoke(TestMethods.Echo, 0);
        }

        Assert.Equal(21, await Task.Run(AwaitThenBlockAsync).WaitAsync(Wait));
    }

    [Fact]
    public async Task A_continuation_that_throws_fails_only_its_own_task()
    {
        Task thrown = _pool.InvokeAsync(TestMethods.Echo, 1).ContinueWith(
            _ => throw new InvalidOperationException("thrown by the continuation"),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => thrown.WaitAsync(Wait));
        Assert.Equal("thrown by the continuation", error.Message);

        // The worker and its reading go on: same process, next answers.
        int pid = await _pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(i, await _pool.InvokeAsync(TestMethods.Echo, i).WaitAsync(Wait));
        }

        Assert.Equal(pid, await _pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait));
    }

    [Fact]
    public async Task A_continuation_that_does_not_return_does_not_hold_up_other_callers()
    {
        using var release = new ManualResetEventSlim();
        var blocking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int pid = await _pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);
        Task<int> stuck = _pool.InvokeAsync(TestMethods.Echo, 7).ContinueWith(
            first =>
            {
                blocking.SetResult();
                release.Wait();
                return first.Result;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        try
        {
            await blocking.Task.WaitAsync(Wait);

            // While that continuation holds its thread, every other caller of the same worker still gets answers,
            // awaited, blocked on, and read by the caller itself.
            for (int i = 0; i < 20; i++)
            {
                Assert.Equal(i, await _pool.InvokeAsync(TestMethods.Echo, i).WaitAsync(Wait));
                Assert.Equal(i, await Task.Run(() => _pool.InvokeAsync(TestMethods.Echo, i).GetAwaiter().GetResult()).WaitAsync(Wait));
                Assert.Equal(i, await Task.Run(() => _pool.Invoke(TestMethods.Echo, i)).WaitAsync(Wait));
            }

            Assert.Equal(pid, await _pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait));
            Assert.False(stuck.IsCompleted);
        }
        finally
        {
            release.Set();
        }

        Assert.Equal(7, await stuck.WaitAsync(Wait));
    }

    [Fact]
    public async Task Many_continuations_that_block_on_the_same_worker_at_once_all_get_their_answers()
    {
        // More blocked continuations than the pool has reading threads of any kind: none may be needed for reading.
        var callers = new Task<int>[16];
        for (int i = 0; i < callers.Length; i++)
        {
            int n = i;
            callers[i] = _pool.InvokeAsync(TestMethods.Echo, n).ContinueWith(
                first => _pool.InvokeAsync(TestMethods.Echo, first.Result * 2).GetAwaiter().GetResult(),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        int[] results = await Task.WhenAll(callers).WaitAsync(Wait);

        Assert.Equal(Enumerable.Range(0, callers.Length).Select(n => n * 2), results);
    }
}
