using System.Collections.Concurrent;

namespace Blind.C05;

public readonly record struct MetricPoint(string Name, double Value, long TimestampMs);

public interface IMetricSink
{
    void Send(IReadOnlyList<MetricPoint> batch);
}

/// <summary>
/// Buffers metric points and pushes them to a sink every few seconds. Application
/// code calls <see cref="Record"/> from any thread.
/// </summary>
public sealed class MetricsFlusher : IDisposable
{
    private readonly ConcurrentQueue<MetricPoint> _pending = new();
    private readonly object _flushLock = new();
    private readonly List<MetricPoint> _batch = new(512);
    private readonly IMetricSink _sink;
    private readonly Timer _timer;
    private long _lastFlushTicks;
    private long _flushedPoints;

    public MetricsFlusher(IMetricSink sink, TimeSpan interval)
    {
        _sink = sink;
        _timer = new Timer(_ => Flush(wait: false), null, interval, interval);
    }

    public DateTime LastFlushUtc => new(Interlocked.Read(ref _lastFlushTicks), DateTimeKind.Utc);

    public long FlushedPoints => Interlocked.Read(ref _flushedPoints);

    public void Record(string name, double value)
    {
        _pending.Enqueue(new MetricPoint(name, value, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    }

    public void Flush(bool wait)
    {
        if (wait)
        {
            Monitor.Enter(_flushLock);
        }
        else if (!Monitor.TryEnter(_flushLock))
        {
            // A flush is already running; the next tick will pick up the rest.
            return;
        }

        try
        {
            while (_pending.TryDequeue(out var point))
            {
                _batch.Add(point);
                if (_batch.Count == _batch.Capacity)
                {
                    SendBatch();
                }
            }

            SendBatch();
            Interlocked.Exchange(ref _lastFlushTicks, DateTime.UtcNow.Ticks);
        }
        finally
        {
            Monitor.Exit(_flushLock);
        }
    }

    private void SendBatch()
    {
        if (_batch.Count == 0)
        {
            return;
        }

        _sink.Send(_batch.ToArray());
        Interlocked.Add(ref _flushedPoints, _batch.Count);
        _batch.Clear();
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush(wait: true);
    }
}
