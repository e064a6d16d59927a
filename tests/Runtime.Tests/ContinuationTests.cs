using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>
/// The pool's promise that a caller's continuation never runs on a thread the reading of a worker's answers waits
/// for: a continuation that blocks, waits synchronously for another call to the same worker, throws, or never returns
/// must not stall or deadlock the answers. One worker, so every call goes through the same pipe and reading thread.
/// </summary>
/// <remarks>Each continuation is attached to a call the worker holds (<see cref="TestMethods.WaitForFile"/>) before
/// the test lets it answer, with <see cref="TaskContinuationOptions.ExecuteSynchronously"/> or as an <c>await</c>
/// without a context, so it runs on whichever thread completes the task: if that were the worker's reading thread, the
/// nested call's answer would never be read and the test would end at its bound instead. (Verified: with the task
/// completing continuations on the reading thread, five of these six tests fail.)</remarks>
public sealed class ContinuationTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly WorkerPool _pool = new(new WorkerPoolOptions { Workers = 1 });
    private readonly string _gate = Path.Combine(Path.GetTempPath(), $"forklift-continuation-{Guid.NewGuid():N}");

    public async Task InitializeAsync() => await _pool.WarmUpAsync().WaitAsync(Wait);

    public async Task DisposeAsync()
    {
        // Bounded too: with a reading thread stuck in a continuation the pool could never report its worker gone.
        await _pool.DisposeAsync().AsTask().WaitAsync(Wait);
        File.Delete(_gate);
        File.Delete(_gate + ".started");
    }

    [Fact]
    public async Task A_continuation_that_blocks_on_a_second_InvokeAsync_to_the_same_worker_gets_its_answer()
    {
        Task<int> held = HeldCall();
        Task<int> nested = OnCompletingThread(held, first => _pool.InvokeAsync(TestMethods.Echo, first.Result + 1).GetAwaiter().GetResult());

        Answer();

        Assert.Equal(await held.WaitAsync(Wait) + 1, await nested.WaitAsync(Wait));
    }

    [Fact]
    public async Task A_continuation_that_blocks_on_a_second_Invoke_to_the_same_worker_gets_its_answer()
    {
        // Invoke reads its own answer when it can take the worker's pipe; from the reading thread it could not.
        Task<int> held = HeldCall();
        Task<int> nested = OnCompletingThread(held, first => _pool.Invoke(TestMethods.Echo, first.Result + 2));

        Answer();

        Assert.Equal(await held.WaitAsync(Wait) + 2, await nested.WaitAsync(Wait));
    }

    [Fact]
    public async Task An_awaiting_method_that_then_blocks_on_the_same_worker_gets_its_answer()
    {
        Task<int> held = HeldCall();
        Task<int> resumed = AwaitThenBlockAsync(held);

        Answer();

        Assert.Equal((2 * await held.WaitAsync(Wait)) + 3, await resumed.WaitAsync(Wait));

        async Task<int> AwaitThenBlockAsync(Task<int> call)
        {
            // No context: the rest of this method runs on whichever thread completes the call.
            int first = await call.ConfigureAwait(false);
            return _pool.InvokeAsync(TestMethods.Echo, first).GetAwaiter().GetResult() + _pool.Invoke(TestMethods.Echo, first + 3);
        }
    }

    [Fact]
    public async Task A_continuation_that_throws_fails_only_its_own_task()
    {
        Task<int> held = HeldCall();
        Task thrown = OnCompletingThread<int>(held, _ => throw new InvalidOperationException("thrown by the continuation"));

        Answer();

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => thrown.WaitAsync(Wait));
        Assert.Equal("thrown by the continuation", error.Message);

        // The worker and its reading go on: same process, next answers.
        int pid = await held.WaitAsync(Wait);
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
        Task<int> held = HeldCall();
        Task<int> stuck = OnCompletingThread(held, first =>
        {
            blocking.SetResult();
            release.Wait();
            return first.Result;
        });

        try
        {
            Answer();
            await blocking.Task.WaitAsync(Wait);

            // While that continuation holds its thread, every other caller of the same worker still gets answers,
            // awaited, blocked on, and read by the caller itself.
            int pid = await held.WaitAsync(Wait);
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

        Assert.Equal(await held, await stuck.WaitAsync(Wait));
    }

    [Fact]
    public async Task Many_continuations_that_block_on_the_same_worker_at_once_all_get_their_answers()
    {
        // More blocked continuations than the pool has reading threads of any kind: none may be needed for reading.
        // The first call waits for the gate; the others queue behind it and find it open.
        var callers = new Task<int>[16];
        for (int i = 0; i < callers.Length; i++)
        {
            int n = i;
            callers[i] = OnCompletingThread(HeldCall(), first => _pool.InvokeAsync(TestMethods.Echo, first.Result + n).GetAwaiter().GetResult());
        }

        Answer();
        int[] results = await Task.WhenAll(callers).WaitAsync(Wait);

        int pid = await _pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);
        Assert.Equal(Enumerable.Range(0, callers.Length).Select(n => pid + n), results);
    }

    /// <summary>A call the worker holds until <see cref="Answer"/>; it returns the worker's pid.</summary>
    /// <summary>Attaches <paramref name="continuation"/> to run on whichever thread completes <paramref name="call"/>.</summary>
    private static Task<T> OnCompletingThread<T>(Task<int> call, Func<Task<int>, T> continuation)
        => call.ContinueWith(continuation, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private Task<int> HeldCall() => _pool.InvokeAsync(TestMethods.WaitForFile, _gate);

    private void Answer() => File.WriteAllText(_gate, string.Empty);
}
