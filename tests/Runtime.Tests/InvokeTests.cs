using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

public sealed class InvokeTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly WorkerPool _pool = new(new WorkerPoolOptions { Workers = 2 });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _pool.DisposeAsync();

    [Fact]
    public async Task InvokeAsync_runs_the_method_in_another_process()
    {
        int result = await _pool.InvokeAsync(TestMethods.Add, (2, 40)).WaitAsync(Wait);
        int pid = await _pool.InvokeAsync(TestMethods.Pid, Unit.Value).WaitAsync(Wait);

        Assert.Equal(42, result);
        Assert.NotEqual(Environment.ProcessId, pid);
    }
}
