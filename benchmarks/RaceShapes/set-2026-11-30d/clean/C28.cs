using System.Collections.Concurrent;

namespace Blind4.Clean.Metrics.Export;

public readonly record struct MetricPoint(string Name, double Value, DateTimeOffset Timestamp, string? Tags);

public interface IMetricsBackend
{
    Task SendAsync(IReadOnlyList<MetricPoint> batch, CancellationToken cancellationToken);
}

/// <summary>
/// Collects metric points from the whole application and ships them to the backend on a timer.
/// </summary>
public sealed class MetricsShipper : IDisposable
{
    private readonly ConcurrentQueue<MetricPoint> _incoming = new();
    private readonly IMetricsBackend _backend;
    private readonly Timer _timer;
    private readonly int _maxBatch;
    private readonly List<MetricPoint> _batch = new();
    private int _flushing;
    private int _consecutiveFailures;
    private DateTimeOffset _nextAttemptAfter;

    public MetricsShipper(IMetricsBackend backend, TimeSpan interval, int maxBatch = 1_000)
    {
        _backend = backend;
        _maxBatch = maxBatch;
        _timer = new Timer(_ => _ = FlushAsync(), null, interval, interval);
    }

    public void Record(string name, double value, string? tags = null) =>
        _incoming.Enqueue(new MetricPoint(name, value, DateTimeOffset.UtcNow, tags));

    public async Task FlushAsync()
    {
        // Skip this tick if the previous flush is still sending.
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            return;
        }

        try
        {
            if (DateTimeOffset.UtcNow < _nextAttemptAfter)
            {
                return;
            }

            while (_batch.Count < _maxBatch && _incoming.TryDequeue(out var point))
            {
                _batch.Add(point);
            }

            if (_batch.Count == 0)
            {
                return;
            }

            await _backend.SendAsync(_batch.ToArray(), CancellationToken.None).ConfigureAwait(false);
            _batch.Clear();
            _consecutiveFailures = 0;
        }
        catch (Exception)
        {
            // Keep the batch for the next attempt and back off exponentially (max ~1 minute).
            _consecutiveFailures++;
            var delay = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, _consecutiveFailures)));
            _nextAttemptAfter = DateTimeOffset.UtcNow + delay;
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
