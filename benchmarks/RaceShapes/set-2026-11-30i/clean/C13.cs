namespace Serialization.Pools;

/// <summary>
/// Pool of reusable byte buffers for the message serializer. Each serializer
/// call rents a buffer and returns it when done; the pool itself is a
/// process-wide static.
/// </summary>
public sealed class BufferPool
{
    private readonly int _bufferSize;
    private readonly byte[]?[] _slots;
    private byte[]? _fastSlot;
    private long _allocations;

    public BufferPool(int bufferSize, int retained)
    {
        _bufferSize = bufferSize;
        _slots = new byte[]?[retained];
    }

    public static BufferPool Shared { get; } = new(bufferSize: 16 * 1024, retained: 64);

    public long Allocations => Interlocked.Read(ref _allocations);

    public byte[] Rent()
    {
        var buffer = Volatile.Read(ref _fastSlot);
        if (buffer != null && Interlocked.CompareExchange(ref _fastSlot, null, buffer) == buffer)
        {
            return buffer;
        }

        for (int i = 0; i < _slots.Length; i++)
        {
            buffer = Volatile.Read(ref _slots[i]);
            if (buffer != null && Interlocked.CompareExchange(ref _slots[i], null, buffer) == buffer)
            {
                return buffer;
            }
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

        if (Interlocked.CompareExchange(ref _fastSlot, buffer, null) == null)
        {
            return;
        }

        for (int i = 0; i < _slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _slots[i], buffer, null) == null)
            {
                return;
            }
        }
    }
}

public static class FrameWriter
{
    public static async Task WriteFrameAsync(Stream destination, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var buffer = BufferPool.Shared.Rent();
        try
        {
            int length = Math.Min(payload.Length, buffer.Length - 4);
            BitConverter.TryWriteBytes(buffer.AsSpan(0, 4), length);
            payload.Span[..length].CopyTo(buffer.AsSpan(4));
            await destination.WriteAsync(buffer.AsMemory(0, length + 4), ct).ConfigureAwait(false);
        }
        finally
        {
            BufferPool.Shared.Return(buffer);
        }
    }
}
