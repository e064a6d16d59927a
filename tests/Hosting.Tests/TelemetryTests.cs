using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Forklift.Hosting.Tests;

/// <summary>AddForkliftInstrumentation with the OpenTelemetry in-memory exporters, and logging through the host's ILogger.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Call_spans_carry_method_pool_worker_pid_and_outcome_and_metrics_carry_the_pool_name()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using TracerProvider tracing = Sdk.CreateTracerProviderBuilder().AddForkliftInstrumentation().AddInMemoryExporter(spans).Build();
        using MeterProvider metering = Sdk.CreateMeterProviderBuilder().AddForkliftInstrumentation().AddInMemoryExporter(metrics).Build();
        using IHost host = TestHosts.Build([], (services, _) => services.AddForklift(o => o.Workers = 1).AddWorkerPool("images", o => o.Workers = 1));
        await host.StartAsync().WaitAsync(TestHosts.Wait);
        IWorkerPool images = host.Services.GetRequiredKeyedService<IWorkerPool>("images");

        int pid = await HostedWork.PidAsync(images).WaitAsync(TestHosts.Wait);
        await Assert.ThrowsAsync<WorkerCrashedException>(() => HostedWork.CrashAsync(images).WaitAsync(TestHosts.Wait));
        await host.StopAsync().WaitAsync(TestHosts.Wait);
        tracing.ForceFlush();
        metering.ForceFlush();

        Activity ok = Assert.Single(spans, s => s.DisplayName == "HostedWork.Pid");
        Assert.Equal(ActivityKind.Client, ok.Kind);
        Assert.Equal("images", ok.GetTagItem("forklift.pool.name"));
        Assert.Equal(pid, ok.GetTagItem("forklift.worker.pid"));
        Assert.Equal("ok", ok.GetTagItem("forklift.outcome"));
        Assert.Equal("HostedWork.Pid", ok.GetTagItem("forklift.method"));
        Assert.StartsWith("Forklift.Hosting.Tests.HostedWork.Pid(", (string?)ok.GetTagItem("forklift.method.id"), StringComparison.Ordinal);

        Activity crashed = Assert.Single(spans, s => s.DisplayName == "HostedWork.Crash");
        Assert.Equal("crashed", crashed.GetTagItem("forklift.outcome"));
        Assert.Equal(ActivityStatusCode.Error, crashed.Status);
        Assert.Equal(typeof(WorkerCrashedException).FullName, crashed.GetTagItem("error.type"));

        Metric completed = Assert.Single(metrics, m => m.Name == "forklift.calls.completed");
        var pools = new List<object?>();
        foreach (MetricPoint point in completed.GetMetricPoints())
        {
            foreach (KeyValuePair<string, object?> tag in point.Tags)
            {
                if (tag.Key == "forklift.pool.name")
                {
                    pools.Add(tag.Value);
                }
            }
        }

        Assert.Contains("images", pools);
    }

    [Fact]
    public async Task The_pool_logs_through_the_hosts_logger_with_named_event_ids()
    {
        var provider = new CapturingLoggerProvider();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(provider);
        builder.Services.AddForklift(o => o.Workers = 1).ConfigureHosting(o => o.WarmUpOnStart = true);
        using IHost host = builder.Build();

        await host.StartAsync().WaitAsync(TestHosts.Wait);
        await host.StopAsync().WaitAsync(TestHosts.Wait);

        Assert.Contains(provider.Entries, e => e.Category == "Forklift.WorkerPool" && e.Id == new EventId(1002, "WorkerStarted") && e.Message.EndsWith("(pool 'default')", StringComparison.Ordinal));
        Assert.Contains(provider.Entries, e => e.Id.Id == 2001 && e.Id.Name == "PoolWarmedUp");
        Assert.Contains(provider.Entries, e => e.Id.Id == 2002 && e.Id.Name == "PoolDraining");
        Assert.Contains(provider.Entries, e => e.Id.Id == 2004 && e.Id.Name == "PoolStopped");
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly List<(string Category, EventId Id, string Message)> _entries = [];

        public IReadOnlyList<(string Category, EventId Id, string Message)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._entries)
                {
                    owner._entries.Add((category, eventId, formatter(state, exception)));
                }
            }
        }
    }
}
