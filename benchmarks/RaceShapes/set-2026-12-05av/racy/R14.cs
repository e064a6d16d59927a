namespace Blind48.LumberMill.SawLine;

public sealed record SawReading(string Saw, DateTimeOffset At, double BladeTempC, double FeedMetersPerMin);

/// <summary>
/// Collects readings from the head rig and edger saws and appends them to the
/// shift log every few seconds. The sensors call <see cref="Record"/> from their
/// own threads; the shift controller disposes the writer at shift end.
/// </summary>
public sealed class SawLineLogWriter : IDisposable
{
    private readonly object _gate = new();
    private readonly TextWriter _log;
    private readonly TimeSpan _interval;
    private readonly Timer _timer;
    private List<SawReading> _pending = new();
    private long _linesWritten;

    public SawLineLogWriter(TextWriter log, TimeSpan interval)
    {
        _log = log;
        _interval = interval;
        _timer = new Timer(OnFlushTimer, null, Timeout.Infinite, Timeout.Infinite);
        _timer.Change(interval, Timeout.InfiniteTimeSpan);
    }

    public void Record(SawReading reading)
    {
        lock (_gate)
        {
            _pending.Add(reading);
        }
    }

    public long LinesWritten => Interlocked.Read(ref _linesWritten);

    private void OnFlushTimer(object? state)
    {
        WritePending();

        try
        {
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Shift is over.
        }
    }

    private void WritePending()
    {
        List<SawReading> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = new List<SawReading>();
        }

        foreach (var r in batch)
        {
            _log.WriteLine($"{r.At:HH:mm:ss.fff} {r.Saw,-8} blade {r.BladeTempC,5:F1}C feed {r.FeedMetersPerMin,5:F1} m/min");
            _linesWritten++;
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        WritePending();
        _log.Flush();
    }
}

/// <summary>
/// Owns the writer for the length of a shift.
/// </summary>
public sealed class ShiftController
{
    public async Task RunShiftAsync(IEnumerable<IAsyncEnumerable<SawReading>> sensors, string logPath, CancellationToken shiftEnd)
    {
        using var writer = new SawLineLogWriter(TextWriter.Synchronized(new StreamWriter(logPath, append: true)), TimeSpan.FromSeconds(5));

        var feeds = sensors.Select(sensor => Task.Run(async () =>
        {
            try
            {
                await foreach (var reading in sensor.WithCancellation(shiftEnd))
                {
                    writer.Record(reading);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }));

        await Task.WhenAll(feeds);
    }
}
