namespace Blind50.Beekeeping.ScaleReadings;

public sealed record HiveReading(string HiveId, double Kilograms, DateTime TakenUtc);

public interface IReadingSink
{
    Task WriteAsync(IReadOnlyList<HiveReading> batch, CancellationToken cancellationToken);
}

/// <summary>
/// Collects hive scale readings from the cooperative's field gateways and writes them
/// to storage in batches, either when a batch is full or when the flush interval elapses.
/// One writer per cooperative; <see cref="Add"/> is called by every gateway connection.
/// </summary>
public sealed class HiveReadingBatchWriter : IDisposable
{
    private readonly object _sync = new();
    private readonly IReadingSink _sink;
    private readonly int _maxBatch;
    private readonly Timer _flushTimer;
    private List<HiveReading> _buffer;
    private long _written;

    public HiveReadingBatchWriter(IReadingSink sink, int maxBatch, TimeSpan flushInterval)
    {
        _sink = sink;
        _maxBatch = maxBatch;
        _buffer = new List<HiveReading>(maxBatch);
        _flushTimer = new Timer(OnFlushTimer, null, flushInterval, flushInterval);
    }

    public long Written => Interlocked.Read(ref _written);

    public void Add(HiveReading reading)
    {
        List<HiveReading>? full = null;
        lock (_sync)
        {
            _buffer.Add(reading);
            if (_buffer.Count >= _maxBatch)
            {
                full = _buffer;
                _buffer = new List<HiveReading>(_maxBatch);
            }
        }

        if (full != null)
        {
            _ = WriteBatchAsync(full);
        }
    }

    private void OnFlushTimer(object? state)
    {
        // Push out whatever trickled in since the last full batch.
        var batch = _buffer;
        if (batch.Count == 0)
        {
            return;
        }

        _buffer = new List<HiveReading>(_maxBatch);
        _ = WriteBatchAsync(batch);
    }

    private async Task WriteBatchAsync(List<HiveReading> batch)
    {
        try
        {
            await _sink.WriteAsync(batch, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Add(ref _written, batch.Count);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Failed to write {batch.Count} hive readings: {ex.Message}");
        }
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        List<HiveReading> rest;
        lock (_sync)
        {
            rest = _buffer;
            _buffer = new List<HiveReading>();
        }

        if (rest.Count > 0)
        {
            WriteBatchAsync(rest).GetAwaiter().GetResult();
        }
    }
}
