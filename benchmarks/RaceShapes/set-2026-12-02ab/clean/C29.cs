using System.Collections.Concurrent;

namespace Blind28.GlacierMonitoring.Ingest;

/// <summary>
/// Pool of receive buffers for the satellite modem frames coming down from the
/// glacier stations. Rented by the frame decoders on any thread and returned when done.
/// </summary>
public sealed class FrameBufferPool
{
    private readonly ConcurrentBag<byte[]> _buffers = new();
    private readonly int _bufferSize;
    private readonly int _maxRetained;
    private int _retained;
    private long _allocations;

    public FrameBufferPool(int bufferSize, int maxRetained)
    {
        _bufferSize = bufferSize;
        _maxRetained = maxRetained;
    }

    public long Allocations => Interlocked.Read(ref _allocations);

    public byte[] Rent()
    {
        if (_buffers.TryTake(out var buffer))
        {
            Interlocked.Decrement(ref _retained);
            return buffer;
        }

        Interlocked.Increment(ref _allocations);
        return new byte[_bufferSize];
    }

    public void Return(byte[] buffer)
    {
        if (buffer.Length != _bufferSize)
        {
            throw new ArgumentException("Buffer does not belong to this pool.", nameof(buffer));
        }

        if (Interlocked.Increment(ref _retained) > _maxRetained)
        {
            Interlocked.Decrement(ref _retained);
            return;
        }

        Array.Clear(buffer);
        _buffers.Add(buffer);
    }
}

public sealed record StationFrame(string Station, DateTime At, double[] Values);

public sealed class FrameDecoder
{
    private readonly FrameBufferPool _pool;

    public FrameDecoder(FrameBufferPool pool) => _pool = pool;

    public IReadOnlyList<StationFrame> DecodeAll(IReadOnlyList<(string Station, Stream Payload)> downlinks)
    {
        var frames = new ConcurrentBag<StationFrame>();
        Parallel.ForEach(downlinks, downlink =>
        {
            var buffer = _pool.Rent();
            try
            {
                var read = downlink.Payload.ReadAtLeast(buffer, 8, throwOnEndOfStream: false);
                var values = new double[read / 8];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BitConverter.ToDouble(buffer, i * 8);
                }

                frames.Add(new StationFrame(downlink.Station, DateTime.UtcNow, values));
            }
            finally
            {
                _pool.Return(buffer);
            }
        });

        return frames.OrderBy(f => f.Station, StringComparer.Ordinal).ToList();
    }
}
