using System.Text.Json;

namespace Blind57.StreetFood.Logging;

public sealed record StallLogLine(string StallId, DateTimeOffset At, string Level, string Message);

public interface ILogSink
{
    Task PostAsync(ReadOnlyMemory<byte> body, CancellationToken ct);
}

/// <summary>
/// Collects log lines from the card readers on every market stall and ships them in batches.
/// Lines arrive from many request threads; a timer makes sure quiet periods still get flushed.
/// </summary>
public sealed class StallLogShipper : IDisposable
{
    private readonly object _gate = new();
    private readonly ILogSink _sink;
    private readonly int _maxBatch;
    private readonly Timer _flushTimer;
    private List<StallLogLine> _pending;
    private long _shipped;

    public StallLogShipper(ILogSink sink, int maxBatch, TimeSpan flushInterval)
    {
        _sink = sink;
        _maxBatch = maxBatch;
        _pending = new List<StallLogLine>(maxBatch);
        _flushTimer = new Timer(OnFlushTimer, null, flushInterval, flushInterval);
    }

    public long Shipped => Interlocked.Read(ref _shipped);

    public void Append(StallLogLine line)
    {
        List<StallLogLine>? full = null;
        lock (_gate)
        {
            _pending.Add(line);
            if (_pending.Count >= _maxBatch)
            {
                full = _pending;
                _pending = new List<StallLogLine>(_maxBatch);
            }
        }

        if (full is not null)
        {
            _ = ShipAsync(full);
        }
    }

    private void OnFlushTimer(object? state)
    {
        var batch = _pending;
        if (batch.Count == 0)
        {
            return;
        }

        _pending = new List<StallLogLine>(_maxBatch);
        _ = ShipAsync(batch);
    }

    private async Task ShipAsync(List<StallLogLine> batch)
    {
        try
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(batch);
            await _sink.PostAsync(body, CancellationToken.None);
            Interlocked.Add(ref _shipped, batch.Count);
        }
        catch (HttpRequestException)
        {
            // The market office connection drops regularly; lines are best effort.
        }
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        List<StallLogLine> rest;
        lock (_gate)
        {
            rest = _pending;
            _pending = new List<StallLogLine>();
        }
        if (rest.Count > 0)
        {
            ShipAsync(rest).GetAwaiter().GetResult();
        }
    }
}
