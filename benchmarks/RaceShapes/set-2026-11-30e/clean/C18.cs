using System.Collections.Concurrent;

namespace Telemetry.Export;

public readonly record struct MetricPoint(string Name, double Value, DateTime TimestampUtc);

public interface IMetricsBackend
{
    Task SendAsync(IReadOnlyList<MetricPoint> batch, CancellationToken cancellationToken);
}

/// <summary>
/// Buffers metric points and ships them to the backend on a periodic timer. If a flush is still
/// running when the timer fires again, the new tick is skipped.
/// </summary>
public sealed class MetricsFlusher : IDisposable
{
    private readonly ConcurrentQueue<MetricPoint> _pending = new();
    private readonly IMetricsBackend _backend;
    private readonly Timer _timer;
    private readonly List<MetricPoint> _batch = new(512);
    private int _flushing;
    private int _failedFlushes;
    private DateTime _lastFlushUtc;

    public MetricsFlusher(IMetricsBackend backend, TimeSpan period)
    {
        _backend = backend;
        _timer = new Timer(_ => _ = FlushAsync(CancellationToken.None), null, period, period);
    }

    public void Add(string name, double value) => _pending.Enqueue(new MetricPoint(name, value, DateTime.UtcNow));

    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            _batch.Clear();
            while (_batch.Count < 5_000 && _pending.TryDequeue(out var point))
            {
                _batch.Add(point);
            }

            if (_batch.Count == 0)
            {
                return true;
            }

            await _backend.SendAsync(_batch.ToArray(), cancellationToken).ConfigureAwait(false);
            _lastFlushUtc = DateTime.UtcNow;
            _failedFlushes = 0;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _failedFlushes++;
            if (_failedFlushes < 5)
            {
                foreach (var point in _batch)
                {
                    _pending.Enqueue(point);
                }
            }

            System.Diagnostics.Trace.TraceError("Metrics flush failed (last success {0:O}): {1}", _lastFlushUtc, ex.Message);
            return false;
        }
        finally
        {
            Interlocked.Exchange(ref _flushing, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
