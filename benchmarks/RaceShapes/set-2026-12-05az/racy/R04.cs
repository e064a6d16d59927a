using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.Vineyard.SoilTelemetry;

public readonly record struct MoistureReading(int BlockId, int ProbeId, double VolumetricPercent, DateTimeOffset At);

public interface IMoistureStore
{
    Task WriteAsync(IReadOnlyList<MoistureReading> batch);
}

/// <summary>
/// Collects soil-moisture readings from every probe in the vineyard and writes
/// them to the time-series store in batches, when a batch is full or every few
/// seconds, whichever comes first. Probe gateways call <see cref="Append"/>
/// concurrently from their receive loops.
/// </summary>
public sealed class MoistureBatchWriter : IDisposable
{
    private readonly IMoistureStore _store;
    private readonly int _maxBatch;
    private readonly Timer _flushTimer;
    private List<MoistureReading> _buffer;

    public MoistureBatchWriter(IMoistureStore store, int maxBatch, TimeSpan flushInterval)
    {
        _store = store;
        _maxBatch = maxBatch;
        _buffer = new List<MoistureReading>(maxBatch);
        _flushTimer = new Timer(OnFlushTimer, null, flushInterval, flushInterval);
    }

    public void Append(MoistureReading reading)
    {
        List<MoistureReading>? full = null;
        lock (_buffer)
        {
            _buffer.Add(reading);
            if (_buffer.Count >= _maxBatch)
            {
                full = TakeBuffer();
            }
        }

        if (full is not null)
        {
            _ = WriteSafelyAsync(full);
        }
    }

    private void OnFlushTimer(object? state)
    {
        List<MoistureReading> batch;
        lock (_buffer)
        {
            if (_buffer.Count == 0)
            {
                return;
            }

            batch = TakeBuffer();
        }

        _ = WriteSafelyAsync(batch);
    }

    private List<MoistureReading> TakeBuffer()
    {
        var taken = _buffer;
        _buffer = new List<MoistureReading>(_maxBatch);
        return taken;
    }

    private async Task WriteSafelyAsync(List<MoistureReading> batch)
    {
        try
        {
            await _store.WriteAsync(batch).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Dropped {batch.Count} moisture readings: {ex.Message}");
        }
    }

    public void Dispose() => _flushTimer.Dispose();
}

/// <summary>
/// One LoRa gateway in the vineyard; forwards decoded probe frames.
/// </summary>
public sealed class ProbeGateway
{
    private readonly MoistureBatchWriter _writer;
    private readonly int _blockId;

    public ProbeGateway(MoistureBatchWriter writer, int blockId)
    {
        _writer = writer;
        _blockId = blockId;
    }

    public void OnFrame(int probeId, ushort rawCounts)
    {
        double percent = Math.Clamp(rawCounts / 655.35, 0, 100);
        _writer.Append(new MoistureReading(_blockId, probeId, percent, DateTimeOffset.UtcNow));
    }
}
