namespace Blind30.HotSprings;

public sealed record PoolReading(string Pool, DateTime TimestampUtc, double TemperatureC, double Ph);

public interface IReadingSink
{
    void Write(IReadOnlyList<PoolReading> batch);
}

/// <summary>
/// Buffers pool sensor readings for the resort's monitoring dashboard and writes them
/// to the sink in batches. Registered as a singleton; every pool's sensor poller calls
/// <see cref="Record"/>, and a timer calls <see cref="Flush"/>.
/// </summary>
public sealed class PoolReadingBuffer : IDisposable
{
    private readonly IReadingSink _sink;
    private readonly Timer _flushTimer;
    private List<PoolReading> _readings = new();

    public PoolReadingBuffer(IReadingSink sink, TimeSpan flushInterval)
    {
        _sink = sink;
        _flushTimer = new Timer(_ => Flush(), null, flushInterval, flushInterval);
    }

    public void Record(string pool, double temperatureC, double ph)
    {
        var reading = new PoolReading(pool, DateTime.UtcNow, temperatureC, ph);
        lock (_readings)
        {
            _readings.Add(reading);
        }
    }

    public void Flush()
    {
        List<PoolReading> batch;
        lock (_readings)
        {
            if (_readings.Count == 0)
            {
                return;
            }

            batch = _readings;
            _readings = new List<PoolReading>();
        }

        _sink.Write(batch);
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        Flush();
    }
}

/// <summary>Polls one pool's probe every few seconds.</summary>
public sealed class PoolProbePoller
{
    private readonly string _pool;
    private readonly PoolReadingBuffer _buffer;
    private readonly Func<(double Temperature, double Ph)> _readProbe;

    public PoolProbePoller(string pool, PoolReadingBuffer buffer, Func<(double, double)> readProbe)
    {
        _pool = pool;
        _buffer = buffer;
        _readProbe = readProbe;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            var (temperature, ph) = _readProbe();
            _buffer.Record(_pool, temperature, ph);
        }
    }
}
