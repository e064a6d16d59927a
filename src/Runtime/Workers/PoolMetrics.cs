using System.Diagnostics.Metrics;
using Forklift.Dispatch;

namespace Forklift.Workers;

/// <summary>The instruments of the <c>Forklift</c> meter, shared by every pool in the process.</summary>
internal static class PoolMetrics
{
    private static readonly Meter Meter = new(ForkliftActivitySource.Name);

    public static readonly Counter<long> CallsStarted = Meter.CreateCounter<long>("forklift.calls.started", "{call}", "Calls submitted to a pool.");
    public static readonly Counter<long> CallsCompleted = Meter.CreateCounter<long>("forklift.calls.completed", "{call}", "Calls that returned a result.");
    public static readonly Counter<long> CallsFailed = Meter.CreateCounter<long>("forklift.calls.failed", "{call}", "Calls that threw, crashed, timed out or were cancelled.");
    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("forklift.call.duration", "s", "Time from submission to completion.");
    public static readonly UpDownCounter<long> QueueLength = Meter.CreateUpDownCounter<long>("forklift.queue.length", "{call}", "Calls waiting for a worker.");
    public static readonly UpDownCounter<long> BusyWorkers = Meter.CreateUpDownCounter<long>("forklift.workers.busy", "{worker}", "Workers running a call.");
    public static readonly Counter<long> WorkerStarts = Meter.CreateCounter<long>("forklift.worker.starts", "{worker}", "Worker processes started.");
    public static readonly Counter<long> WorkerCrashes = Meter.CreateCounter<long>("forklift.worker.crashes", "{worker}", "Workers that exited unexpectedly or were killed.");
    public static readonly Counter<long> WorkerRecycles = Meter.CreateCounter<long>("forklift.worker.recycles", "{worker}", "Workers retired by MaxTasksPerWorker or MaxWorkerMemory.");
}
