using System.Buffers;

namespace Blind45.Ropeway.Telemetry;

public interface ITelemetrySink
{
    void Write(ReadOnlySpan<byte> frames);
}

/// <summary>
/// Batches binary telemetry frames from the cabin grips and drive station before shipping
/// them to the operations centre. Frames are appended by the sensor reader threads; a
/// timer flushes the batch every few hundred milliseconds.
/// </summary>
public sealed class CabinTelemetryBatcher : IDisposable
{
    private const int BatchBytes = 64 * 1024;

    private readonly ITelemetrySink _sink;
    private readonly object _lock = new();
    private readonly Timer _flushTimer;
    private byte[] _buffer;
    private int _length;
    private long _droppedFrames;

    public CabinTelemetryBatcher(ITelemetrySink sink, TimeSpan flushInterval)
    {
        _sink = sink;
        _buffer = ArrayPool<byte>.Shared.Rent(BatchBytes);
        _flushTimer = new Timer(_ => Flush(), null, flushInterval, flushInterval);
    }

    public long DroppedFrames => Interlocked.Read(ref _droppedFrames);

    public void Append(ReadOnlySpan<byte> frame)
    {
        lock (_lock)
        {
            if (frame.Length > _buffer.Length - _length)
            {
                FlushLocked();
                if (frame.Length > _buffer.Length)
                {
                    Interlocked.Increment(ref _droppedFrames);
                    return;
                }
            }

            frame.CopyTo(_buffer.AsSpan(_length));
            _length += frame.Length;
        }
    }

    public void Flush()
    {
        lock (_lock)
        {
            FlushLocked();
        }
    }

    private void FlushLocked()
    {
        if (_length == 0)
        {
            return;
        }

        try
        {
            _sink.Write(_buffer.AsSpan(0, _length));
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _droppedFrames);
        }

        _length = 0;
    }

    public void Dispose()
    {
        _flushTimer.Dispose();
        Flush();

        var rented = _buffer;
        _buffer = Array.Empty<byte>();
        ArrayPool<byte>.Shared.Return(rented);
    }
}

/// <summary>Reads grip sensors on a dedicated thread per station and feeds the batcher.</summary>
public sealed class GripSensorReader
{
    private readonly CabinTelemetryBatcher _batcher;

    public GripSensorReader(CabinTelemetryBatcher batcher) => _batcher = batcher;

    public Thread StartStation(int stationId, Func<byte[]?> readFrame, CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                var frame = readFrame();
                if (frame is null)
                {
                    Thread.Sleep(5);
                    continue;
                }

                _batcher.Append(frame);
            }
        })
        {
            IsBackground = true,
            Name = $"grip-station-{stationId}",
        };
        thread.Start();
        return thread;
    }
}
