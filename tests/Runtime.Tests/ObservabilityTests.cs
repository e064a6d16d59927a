using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Forklift.Dispatch;

namespace Forklift.Runtime.Tests;

/// <summary>The Forklift meter and the ILogger output.</summary>
public sealed class ObservabilityTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_Forklift_meter_counts_calls_and_worker_starts()
    {
        var totals = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Forklift")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };

        // Other tests run in parallel in this process and call TestMethods.Throw too: this test calls it under a name of
        // its own (same id, so the worker runs Throw) and counts only that name.
        var counted = new ParallelMethod<string?, int>(TestMethods.Throw.Id, "ThrowCountedByTheMeterTest", typeof(TestMethods), TestCodecs.String, TestCodecs.Int32, (_, _) => ValueTask.FromResult(0));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "method" && (string?)tag.Value == counted.Name)
                {
                    totals.AddOrUpdate(instrument.Name, value, (_, v) => v + value);
                }
            }

            if (instrument.Name == "forklift.worker.starts")
            {
                totals.AddOrUpdate(instrument.Name, value, (_, v) => v + value);
            }
        });
        listener.Start();
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1 });

        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.InvokeAsync(counted, "counted").WaitAsync(Wait));
        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.InvokeAsync(counted, "counted").WaitAsync(Wait));

        // A call's task completes before its bookkeeping records it (ChannelScheduler.Fail), so the awaiting test may
        // run first: wait for the counts, then check that nothing more was counted.
        await FixtureApps.WaitUntilAsync(
            () => totals.GetValueOrDefault("forklift.calls.started") >= 2 && totals.GetValueOrDefault("forklift.calls.failed") >= 2,
            Wait,
            () => $"two started and two failed calls to be counted (so far {totals.GetValueOrDefault("forklift.calls.started")} and {totals.GetValueOrDefault("forklift.calls.failed")})");
        Assert.Equal(2, totals.GetValueOrDefault("forklift.calls.started"));
        Assert.Equal(2, totals.GetValueOrDefault("forklift.calls.failed"));
        Assert.True(totals.GetValueOrDefault("forklift.worker.starts") >= 1);
    }

    [Fact]
    public async Task The_logger_receives_worker_starts_crashes_and_worker_output()
    {
        var logger = new CapturingLogger();
        await using var pool = new WorkerPool(new WorkerPoolOptions { Workers = 1, Logger = logger });

        Assert.Equal(1, await pool.InvokeAsync(TestMethods.Print, 1).WaitAsync(Wait));
        await Assert.ThrowsAsync<WorkerCrashedException>(() => pool.InvokeAsync(TestMethods.Exit, 3).WaitAsync(Wait));

        Assert.Contains(logger.Lines, line => line.StartsWith("Debug: Started worker", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, line => line.Contains("printing from the worker 1", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, line => line.StartsWith("Warning: Worker", StringComparison.Ordinal) && line.Contains("exit code 3", StringComparison.Ordinal));
    }
}
