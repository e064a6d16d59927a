using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>
/// The pool generated methods use when they are not given one. <see cref="ParallelDefaults"/> is process-wide and no
/// other test class sets it; tests in one class run one at a time, so these do not race each other.
/// </summary>
public sealed class DefaultPoolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public void ConfigureDefault_after_the_default_pool_exists_is_refused()
    {
        _ = WorkerPool.Default;

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => WorkerPool.ConfigureDefault(o => o.Workers = 1));
        Assert.Contains("before the first [Parallel] call", error.Message, StringComparison.Ordinal);
        Assert.Equal(WorkerPool.DefaultName, WorkerPool.Default.Name);
    }

    [Fact]
    public async Task ConfigureDefault_settings_apply_in_order_when_the_default_pool_is_created()
    {
        // In a process of its own: this test process's default pool already exists.
        await FixtureApps.EnsureBuiltAsync();

        (int exit, string output) = await FixtureApps.RunAsync(FixtureApps.Dotnet, [Path.Combine(FixtureApps.Output("ConsoleApp"), "ConsoleApp.dll"), "configured-default"], FixtureApps.RunTimeout);

        Assert.True(exit == 0, output);
        Assert.Contains("DEFAULT configured 1 36", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Use_makes_a_pool_the_default_for_generated_calls_until_the_scope_ends()
    {
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, Name = "scoped" });
        using (ParallelDefaults.Use(pool))
        {
            Assert.Same(pool, ParallelDefaults.Pool);

            // What a generated overload without a pool does.
            int pid = await ParallelDefaults.Pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);
            Assert.Equal(1, pool.GetStatus().LiveWorkers);
            Assert.NotEqual(Environment.ProcessId, pid);
        }

        Assert.Same(WorkerPool.Default, ParallelDefaults.Pool);
    }

    [Fact]
    public async Task A_scope_disposed_out_of_order_does_not_undo_a_later_setting()
    {
        await using var first = new WorkerPool(new WorkerPoolOptions { Workers = 1, Name = "first" });
        await using var second = new WorkerPool(new WorkerPoolOptions { Workers = 1, Name = "second" });

        IDisposable outer = ParallelDefaults.Use(first);
        IDisposable inner = ParallelDefaults.Use(second);
        outer.Dispose();
        Assert.Same(second, ParallelDefaults.Pool);

        inner.Dispose();
        Assert.Same(first, ParallelDefaults.Pool);

        ParallelDefaults.Pool = null;
        Assert.Same(WorkerPool.Default, ParallelDefaults.Pool);
    }
}
