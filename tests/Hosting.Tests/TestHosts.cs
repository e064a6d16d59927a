using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// ParallelDefaults.Pool is process-wide and several tests start hosts that set it: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Forklift.Hosting.Tests;

internal static class TestHosts
{
    /// <summary>Generous for "must happen" waits: worker starts on a loaded 2-core machine.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> configure)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        configure(builder.Services, builder.Configuration);
        return builder.Build();
    }

    /// <summary>Completes with the value of the first progress report.</summary>
    public sealed class FirstReport : IProgress<int>
    {
        private readonly TaskCompletionSource<int> _value = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<int> Value => _value.Task;

        public void Report(int value) => _value.TrySetResult(value);
    }

    public static bool IsAlive(int pid)
    {
        // A zombie (exited, not yet reaped) is gone for our purposes: it runs nothing and holds no resources but its pid.
        string stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            string text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static async Task WaitUntilGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (IsAlive(pid))
        {
            Assert.True(DateTime.UtcNow < deadline, $"worker {pid} is still running {Wait} after its pool stopped");
            await Task.Delay(20);
        }
    }
}
