namespace Blind26.TypewriterRepair.Metrics;

/// <summary>
/// Counters for the repair shop's work queue. A single instance is registered in DI;
/// bench workers record completions and the metrics exporter collects every 15 seconds.
/// </summary>
public sealed class RepairQueueMetrics
{
    private long _completed;
    private long _returnedToCustomer;
    private long _partsOrdered;

    public void RecordCompleted() => Interlocked.Increment(ref _completed);

    public void RecordReturned() => Interlocked.Increment(ref _returnedToCustomer);

    public void RecordPartsOrdered(int count) => Interlocked.Add(ref _partsOrdered, count);

    /// <summary>Returns the deltas since the previous collection and starts a new interval.</summary>
    public RepairQueueSample Collect()
    {
        long completed = Interlocked.Read(ref _completed);
        _completed = 0;

        long returned = Interlocked.Exchange(ref _returnedToCustomer, 0);
        long parts = Interlocked.Exchange(ref _partsOrdered, 0);
        return new RepairQueueSample(completed, returned, parts);
    }
}

public readonly record struct RepairQueueSample(long Completed, long Returned, long PartsOrdered);

/// <summary>Pushes interval samples to the shop's dashboard.</summary>
public sealed class RepairMetricsExporter : IAsyncDisposable
{
    private readonly RepairQueueMetrics _metrics;
    private readonly Action<RepairQueueSample> _publish;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RepairMetricsExporter(RepairQueueMetrics metrics, Action<RepairQueueSample> publish)
    {
        _metrics = metrics;
        _publish = publish;
        _loop = RunAsync();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                _publish(_metrics.Collect());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}

/// <summary>One bench; several run in parallel, each on its own task.</summary>
public sealed class RepairBenchWorker
{
    private readonly RepairQueueMetrics _metrics;

    public RepairBenchWorker(RepairQueueMetrics metrics) => _metrics = metrics;

    public async Task RepairAsync(string machineSerial, bool needsPlaten, CancellationToken ct)
    {
        if (needsPlaten)
        {
            _metrics.RecordPartsOrdered(1);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(machineSerial.Length * 10), ct).ConfigureAwait(false);
        _metrics.RecordCompleted();
        _metrics.RecordReturned();
    }
}
