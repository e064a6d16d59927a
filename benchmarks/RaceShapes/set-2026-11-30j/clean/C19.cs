namespace Blind10.Metrics.Flushing;

public readonly record struct MetricPoint(string Name, double Value, DateTime TimestampUtc);

public interface IMetricsSink
{
    void Write(IReadOnlyList<MetricPoint> batch);
}

/// <summary>
/// Buffers metric points and ships them to the sink in the background, backing off while
/// the sink is failing.
/// </summary>
public sealed class MetricsFlushService : IDisposable
{
    private readonly object _lock = new();
    private readonly IMetricsSink _sink;
    private readonly TimeSpan _interval;
    private readonly Timer _timer;
    private List<MetricPoint> _pending = new();
    private bool _stopped;
    private int _started;
    private int _consecutiveFailures;

    public MetricsFlushService(IMetricsSink sink, TimeSpan interval)
    {
        _sink = sink;
        _interval = interval;
        _timer = new Timer(OnTimer, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }
    }

    public void Add(string name, double value)
    {
        lock (_lock)
        {
            if (!_stopped)
            {
                _pending.Add(new MetricPoint(name, value, DateTime.UtcNow));
            }
        }
    }

    private void OnTimer(object? state)
    {
        List<MetricPoint> batch;
        lock (_lock)
        {
            batch = _pending;
            _pending = new List<MetricPoint>();
        }

        try
        {
            if (batch.Count > 0)
            {
                _sink.Write(batch);
            }
            _consecutiveFailures = 0;
        }
        catch (Exception)
        {
            _consecutiveFailures++;
            lock (_lock)
            {
                if (_pending.Count < 50_000)
                {
                    _pending.InsertRange(0, batch);
                }
            }
        }
        finally
        {
            var delay = _consecutiveFailures == 0
                ? _interval
                : TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, _consecutiveFailures)));
            lock (_lock)
            {
                if (!_stopped)
                {
                    _timer.Change(delay, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopped = true;
        }
        _timer.Dispose();
    }
}
