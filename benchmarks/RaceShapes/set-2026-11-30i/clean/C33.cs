using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Prom.Push;

public readonly record struct Sample(string Metric, double Value, long TimestampMs);

/// <summary>
/// Buffers samples from application code and pushes them to a Prometheus
/// push gateway. Pushes happen on a timer, and also on demand from the
/// /admin/flush endpoint and during shutdown.
/// </summary>
public sealed class PushGatewayReporter : IDisposable
{
    private readonly ConcurrentQueue<Sample> _pending = new();
    private readonly object _flushLock = new();
    private readonly Dictionary<string, double> _latest = new(StringComparer.Ordinal);
    private readonly StringBuilder _payload = new();
    private readonly Action<string> _push;
    private readonly Timer _timer;
    private TimeSpan _lastFlushDuration;
    private int _flushesSkipped;

    public PushGatewayReporter(Action<string> push, TimeSpan interval)
    {
        _push = push;
        _timer = new Timer(_ => Flush(), null, interval, interval);
    }

    public void Record(string metric, double value) =>
        _pending.Enqueue(new Sample(metric, value, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    public bool Flush()
    {
        if (!Monitor.TryEnter(_flushLock))
        {
            Interlocked.Increment(ref _flushesSkipped);
            return false;
        }

        try
        {
            var sw = Stopwatch.StartNew();
            _latest.Clear();
            while (_pending.TryDequeue(out var sample))
            {
                _latest[sample.Metric] = sample.Value;
            }

            if (_latest.Count > 0)
            {
                _payload.Clear();
                foreach (var (metric, value) in _latest)
                {
                    _payload.Append(metric).Append(' ').Append(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                }

                _push(_payload.ToString());
            }

            _lastFlushDuration = sw.Elapsed;
            return true;
        }
        finally
        {
            Monitor.Exit(_flushLock);
        }
    }

    public (TimeSpan LastFlush, int Skipped) GetDiagnostics()
    {
        lock (_flushLock)
        {
            return (_lastFlushDuration, Volatile.Read(ref _flushesSkipped));
        }
    }

    public void Dispose()
    {
        _timer.Dispose();

        // Wait for a push that may be in progress, then push whatever is left.
        lock (_flushLock)
        {
            Flush();
        }
    }
}
