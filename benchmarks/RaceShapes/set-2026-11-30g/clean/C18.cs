namespace Common.Pooling;

public interface IResettable
{
    bool TryReset();
}

/// <summary>
/// Fixed-size pool for expensive-to-create objects. Thread-safe; intended to be
/// stored in a static field or registered as a singleton.
/// </summary>
public sealed class BoundedObjectPool<T> where T : class, IResettable
{
    private readonly Func<T> _factory;
    private readonly T?[] _items;
    private T? _fastItem;
    private long _created;

    public BoundedObjectPool(Func<T> factory, int maxRetained = 16)
    {
        _factory = factory;
        _items = new T?[Math.Max(0, maxRetained - 1)];
    }

    public long Created => Interlocked.Read(ref _created);

    public T Rent()
    {
        T? item = Volatile.Read(ref _fastItem);
        if (item is not null && Interlocked.CompareExchange(ref _fastItem, null, item) == item)
            return item;

        var items = _items;
        for (int i = 0; i < items.Length; i++)
        {
            item = Volatile.Read(ref items[i]);
            if (item is not null && Interlocked.CompareExchange(ref items[i], null, item) == item)
                return item;
        }

        Interlocked.Increment(ref _created);
        return _factory();
    }

    public void Return(T item)
    {
        if (!item.TryReset())
            return;

        if (Volatile.Read(ref _fastItem) is null && Interlocked.CompareExchange(ref _fastItem, item, null) is null)
            return;

        var items = _items;
        for (int i = 0; i < items.Length; i++)
        {
            if (Interlocked.CompareExchange(ref items[i], item, null) is null)
                return;
        }

        // pool is full; let the GC have it
        (item as IDisposable)?.Dispose();
    }
}

public sealed class SerializerScratch : IResettable
{
    public MemoryStream Buffer { get; } = new(capacity: 4096);

    public bool TryReset()
    {
        if (Buffer.Capacity > 1 << 20)
            return false;

        Buffer.SetLength(0);
        return true;
    }
}

public static class SerializerScratchPool
{
    public static readonly BoundedObjectPool<SerializerScratch> Shared = new(() => new SerializerScratch(), 32);
}
