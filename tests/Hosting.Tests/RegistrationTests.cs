using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Forklift.Hosting.Tests;

/// <summary><c>AddForklift</c> from configuration and from code, named pools, and validation at start.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public void Configuration_section_binds_the_default_pool_and_the_named_pools_under_Pools()
    {
        using IHost host = TestHosts.Build(
            new()
            {
                ["Forklift:Workers"] = "1",
                ["Forklift:TaskTimeout"] = "00:00:30",
                ["Forklift:EnvironmentVariables:FORKLIFT_HOSTING_TEST"] = "bound",
                ["Forklift:WarmUpOnStart"] = "true",
                ["Forklift:Pools:images:Workers"] = "2",
                ["Forklift:Pools:images:MaxTasksPerWorker"] = "100",
            },
            (services, configuration) => services.AddForklift(configuration.GetSection("Forklift")));

        WorkerPool pool = host.Services.GetRequiredService<WorkerPool>();
        Assert.Same(pool, host.Services.GetRequiredService<IWorkerPool>());
        Assert.Equal((WorkerPool.DefaultName, 1), (pool.Name, pool.WorkerCount));
        WorkerPoolOptions options = host.Services.GetRequiredService<IOptionsMonitor<WorkerPoolOptions>>().Get(Options.DefaultName);
        Assert.Equal(TimeSpan.FromSeconds(30), options.TaskTimeout);
        Assert.Equal("bound", options.EnvironmentVariables["FORKLIFT_HOSTING_TEST"]);
        Assert.True(host.Services.GetRequiredService<IOptions<ForkliftHostingOptions>>().Value.WarmUpOnStart);

        var images = Assert.IsType<WorkerPool>(host.Services.GetRequiredKeyedService<IWorkerPool>("images"));
        Assert.Same(images, host.Services.GetRequiredKeyedService<WorkerPool>("images"));
        Assert.Equal(("images", 2), (images.Name, images.WorkerCount));
        Assert.Equal(100, host.Services.GetRequiredService<IOptionsMonitor<WorkerPoolOptions>>().Get("images").MaxTasksPerWorker);
        Assert.NotSame(pool, images);
    }

    [Fact]
    public void Code_registers_the_default_pool_and_named_pools_and_a_second_AddForklift_adds_up()
    {
        using IHost host = TestHosts.Build([], (services, _) =>
        {
            services.AddForklift(o => o.Workers = 1).AddWorkerPool("io", o => o.Workers = 3);
            services.AddForklift(o => o.TaskTimeout = TimeSpan.FromSeconds(5));
        });

        WorkerPool pool = host.Services.GetRequiredService<WorkerPool>();
        Assert.Equal(1, pool.WorkerCount);
        Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<IOptionsMonitor<WorkerPoolOptions>>().Get(Options.DefaultName).TaskTimeout);
        Assert.Equal(3, host.Services.GetRequiredKeyedService<WorkerPool>("io").WorkerCount);
        Assert.Single(host.Services.GetServices<IHostedService>(), s => s.GetType().Name == "ForkliftHostedService");
    }

    [Fact]
    public async Task Invalid_settings_stop_the_host_at_start_with_a_message_naming_the_setting()
    {
        using IHost host = TestHosts.Build(
            new() { ["Forklift:Workers"] = "0", ["Forklift:Pools:images:TaskTimeout"] = "-00:00:01" },
            (services, configuration) => services.AddForklift(configuration.GetSection("Forklift")));

        // The host validates every pool before starting any, and reports each failure.
        AggregateException error = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());

        string[] messages = error.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToArray();
        Assert.Contains("Workers of the default pool must be at least 1 (was 0).", messages);
        Assert.Contains("TaskTimeout of pool 'images' must be positive, or unset for no limit (was -00:00:01).", messages);
        Assert.Equal(2, messages.Length);
        await host.StopAsync();
    }
}
