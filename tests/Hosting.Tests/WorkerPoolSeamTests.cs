using Forklift.Dispatch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Forklift.Hosting.Tests;

/// <summary>
/// Generated methods depend only on <see cref="IWorkerPool"/>: any implementation (a decorator here, a cluster pool in
/// time) receives their calls, with the generated descriptor, arguments and token.
/// </summary>
public sealed class WorkerPoolSeamTests
{
    [Fact]
    public async Task Generated_overloads_call_any_IWorkerPool_and_the_parameterless_ones_call_ParallelDefaults_Pool()
    {
        await using var inner = new WorkerPool(new WorkerPoolOptions { Workers = 1 });
        var recording = new RecordingPool(inner);

        int pid = await HostedWork.PidAsync(recording).WaitAsync(TestHosts.Wait);
        int[] held = await HostedWork.HoldMapAsync(recording, [1, 2], new Progress<int>()).WaitAsync(TestHosts.Wait);
        var unordered = new List<int>();
        await foreach ((int index, int _) in HostedWork.HoldUnorderedAsync(recording, [1, 2, 3], new Progress<int>()))
        {
            unordered.Add(index);
        }

        using (ParallelDefaults.Use(recording))
        {
            Assert.Equal(pid, await HostedWork.PidAsync().WaitAsync(TestHosts.Wait));
        }

        Assert.Equal([pid, pid], held);
        Assert.Equal([0, 1, 2], unordered.Order());
        Assert.Equal(["Invoke HostedWork.Pid", "Map HostedWork.Hold", "Unordered HostedWork.Hold", "Invoke HostedWork.Pid"], recording.Calls);
    }

    [Fact]
    public async Task A_host_can_leave_ParallelDefaults_alone()
    {
        using IHost host = TestHosts.Build(
            new() { ["Forklift:Workers"] = "1", ["Forklift:UseAsDefaultPool"] = "false" },
            (services, configuration) => services.AddForklift(configuration.GetSection("Forklift")));
        await using var mine = new WorkerPool(new WorkerPoolOptions { Workers = 1, Name = "mine" });
        using IDisposable scope = ParallelDefaults.Use(mine);

        await host.StartAsync().WaitAsync(TestHosts.Wait);
        Assert.Same(mine, ParallelDefaults.Pool);
        await host.StopAsync().WaitAsync(TestHosts.Wait);
        Assert.Same(mine, ParallelDefaults.Pool);
    }

    /// <summary>Forwards to a real pool and records which entry each call came through.</summary>
    private sealed class RecordingPool(IWorkerPool inner) : IWorkerPool
    {
        public List<string> Calls { get; } = [];

        public Task<TResult> InvokeAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, TArgs args, ProgressSink? progress = null, CancellationToken cancellationToken = default)
        {
            Record("Invoke", method);
            return inner.InvokeAsync(method, args, progress, cancellationToken);
        }

        public Task<TResult[]> MapAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, IEnumerable<TArgs> inputs, ProgressSink? progress = null, CancellationToken cancellationToken = default)
        {
            Record("Map", method);
            return inner.MapAsync(method, inputs, progress, cancellationToken);
        }

        public IAsyncEnumerable<(int Index, TResult Result)> UnorderedAsync<TArgs, TResult>(ParallelMethod<TArgs, TResult> method, IEnumerable<TArgs> inputs, ProgressSink? progress = null, CancellationToken cancellationToken = default)
        {
            Record("Unordered", method);
            return inner.UnorderedAsync(method, inputs, progress, cancellationToken);
        }

        private void Record(string entry, ParallelMethod method)
        {
            lock (Calls)
            {
                Calls.Add($"{entry} {method.Name}");
            }
        }
    }
}
