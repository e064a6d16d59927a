using System.Collections.Concurrent;

namespace Blind28.MarbleQuarry.Telemetry;

public sealed record SawMetric(string SawId, string Name, double Value, DateTime At);

public interface IMetricSink
{
    Task SendAsync(IReadOnlyList<SawMetric> batch, CancellationToken ct);
}

/// <summary>
/// Buffers readings from the wire saws and block cutters and ships them to the
/// monitoring backend in batches. Every saw controller thread calls <see cref="Record"/>.
/// </summary>
public sealed class SawMetricExporter : IAsyncDisposable
{
    private const int BatchSize = 500;

    private readonly ConcurrentQueue<SawMetric> _pending = new();
    private readonly IMetricSink _sink;
    private readonly Timer _flushTimer;
    private int _flushing;
    private long _dropped;
    private long _exported;

    public SawMetricExporter(IMetricSink sink, TimeSpan interval)
    {
        _sink = sink;
        _flushTimer = new Timer(_ => _ = FlushAsync(CancellationToken.None), null, interval, interval);
    }

    public long Exported => Interlocked.Read(ref _exported);
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(SawMetric metric)
    {
        if (_pending.Count > BatchSize * 20)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        _pending.Enqueue(metric);
        if (_pending.Count >= BatchSize)
        {
            _ = Task.Run(() => FlushAsync(CancellationToken.None));
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            return;
        }

        try
        {
            while (!_pending.IsEmpty)
            {
                var batch = new List<SawMetric>(BatchSize);
                while (batch.Count < BatchSize && _pending.TryDequeue(out var metric))
                {
                    batch.Add(metric);
                }

                try
                {
                    await _sink.SendAsync(batch, ct);
                    Interlocked.Add(ref _exported, batch.Count);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Add(ref _dropped, batch.Count);
                    return;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _flushTimer.DisposeAsync();
        await FlushAsync(CancellationToken.None);
    }
}
