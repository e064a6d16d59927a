using System.Buffers;

namespace Blind8.Serialization.Pooling;

/// <summary>
/// Small pool of <see cref="ArrayBufferWriter{T}"/> instances used by the JSON
/// serializer on hot paths. Rent and Return may be called from any thread.
/// Modeled after the default object pool: one fast slot plus a short array.
/// </summary>
public sealed class BufferWriterPool
{
    private readonly Slot[] _slots;
    private readonly int _initialCapacity;
    private readonly int _maxRetainedCapacity;
    private ArrayBufferWriter<byte>? _fastItem;

    private struct Slot
    {
        public ArrayBufferWriter<byte>? Item;
    }

    public BufferWriterPool(int maxRetained = 16, int initialCapacity = 4096, int maxRetainedCapacity = 1024 * 1024)
    {
        _slots = new Slot[Math.Max(0, maxRetained - 1)];
        _initialCapacity = initialCapacity;
        _maxRetainedCapacity = maxRetainedCapacity;
    }

    public static BufferWriterPool Shared { get; } = new();

    public ArrayBufferWriter<byte> Rent()
    {
        var item = Volatile.Read(ref _fastItem);
        if (item is not null && Interlocked.CompareExchange(ref _fastItem, null, item) == item)
        {
            return item;
        }

        var slots = _slots;
        for (var i = 0; i < slots.Length; i++)
        {
            item = Volatile.Read(ref slots[i].Item);
            if (item is not null && Interlocked.CompareExchange(ref slots[i].Item, null, item) == item)
            {
                return item;
            }
        }

        return new ArrayBufferWriter<byte>(_initialCapacity);
    }

    public void Return(ArrayBufferWriter<byte> writer)
    {
        if (writer.Capacity > _maxRetainedCapacity)
        {
            return; // let oversized buffers go to the GC
        }

        writer.ResetWrittenCount();

        if (Interlocked.CompareExchange(ref _fastItem, writer, null) is null)
        {
            return;
        }

        var slots = _slots;
        for (var i = 0; i < slots.Length; i++)
        {
            if (Volatile.Read(ref slots[i].Item) is null)
            {
                slots[i].Item = writer;
                return;
            }
        }
    }
}

public static class PooledJson
{
    public static byte[] Serialize<T>(T value)
    {
        var writer = BufferWriterPool.Shared.Rent();
        try
        {
            using (var json = new System.Text.Json.Utf8JsonWriter(writer))
            {
                System.Text.Json.JsonSerializer.Serialize(json, value);
            }

            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            BufferWriterPool.Shared.Return(writer);
        }
    }
}
