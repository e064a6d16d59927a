namespace Blind2.C12;

/// <summary>
/// Small pool of reusable byte buffers for the message serializer. Shared
/// across the process; Rent and Return may be called from any thread.
/// </summary>
public sealed class SerializerBufferPool
{
    public static SerializerBufferPool Shared { get; } = new(bufferSize: 64 * 1024, retained: Environment.ProcessorCount * 2);

    private readonly int _bufferSize;
    private readonly byte[]?[] _slots;
    private byte[]? _fast;

    public SerializerBufferPool(int bufferSize, int retained)
    {
        _bufferSize = bufferSize;
        _slots = new byte[]?[retained];
    }

    public byte[] Rent()
    {
        var candidate = Volatile.Read(ref _fast);
        if (candidate != null && Interlocked.CompareExchange(ref _fast, null, candidate) == candidate)
            return candidate;

        var slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            candidate = Volatile.Read(ref slots[i]);
            if (candidate != null && Interlocked.CompareExchange(ref slots[i], null, candidate) == candidate)
                return candidate;
        }

        return new byte[_bufferSize];
    }

    public void Return(byte[] buffer)
    {
        if (buffer.Length != _bufferSize)
            return;

        if (Volatile.Read(ref _fast) == null && Interlocked.CompareExchange(ref _fast, buffer, null) == null)
            return;

        var slots = _slots;
        for (int i = 0; i < slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref slots[i], buffer, null) == null)
                return;
        }
    }
}

public sealed record SensorReading(int SensorId, long TimestampMs, double Value);

public static class ReadingEncoder
{
    public static byte[][] EncodeAll(IReadOnlyList<SensorReading[]> pages)
    {
        var encoded = new byte[pages.Count][];
        Parallel.For(0, pages.Count, i => encoded[i] = Encode(pages[i]));
        return encoded;
    }

    private static byte[] Encode(SensorReading[] page)
    {
        var buffer = SerializerBufferPool.Shared.Rent();
        try
        {
            int offset = 0;
            foreach (var r in page)
            {
                if (offset + 20 > buffer.Length)
                    break;
                BitConverter.TryWriteBytes(buffer.AsSpan(offset, 4), r.SensorId);
                BitConverter.TryWriteBytes(buffer.AsSpan(offset + 4, 8), r.TimestampMs);
                BitConverter.TryWriteBytes(buffer.AsSpan(offset + 12, 8), r.Value);
                offset += 20;
            }
            return buffer.AsSpan(0, offset).ToArray();
        }
        finally
        {
            SerializerBufferPool.Shared.Return(buffer);
        }
    }
}
