using System.Diagnostics;

namespace Blind40.Beekeepers.Telemetry;

public readonly record struct HiveReading(string HiveId, double TemperatureC, double WeightKg, DateTimeOffset At);

public interface IHiveExporter
{
    Task ExportAsync(IReadOnlyList<HiveReading> batch, CancellationToken ct);
}

/// <summary>
/// Collects readings from hive scales and thermometers and ships them to the
/// apiary dashboard in batches. Sensor gateways call <see cref="Record"/> from
/// their own receive threads; a periodic loop exports whatever has accumulated.
/// </summary>
public sealed class HiveTelemetryBatcher : IAsyncDisposable
{
    private readonly object _lock = new();
    private readonly IHiveExporter _exporter;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _exportLoop;
    private List<HiveReading> _pending = new();
    private long _exported;

    public HiveTelemetryBatcher(IHiveExporter exporter, TimeSpan interval)
    {
        _exporter = exporter;
        _exportLoop = RunAsync(interval, _stopping.Token);
    }

    public long ExportedCount => Interlocked.Read(ref _exported);

    public void Record(HiveReading reading)
    {
        lock (_lock)
        {
            _pending.Add(reading);
        }
    }

    private async Task RunAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        List<HiveReading> batch;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            batch = _pending;
        }

        _pending = new List<HiveReading>(batch.Count);

        var sw = Stopwatch.StartNew();
        try
        {
            await _exporter.ExportAsync(batch, ct);
            Interlocked.Add(ref _exported, batch.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Trace.TraceWarning($"Hive export of {batch.Count} readings failed after {sw.ElapsedMilliseconds} ms: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _exportLoop;
        await FlushAsync(CancellationToken.None);
        _stopping.Dispose();
    }
}
