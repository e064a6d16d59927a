using System.Collections.Concurrent;

namespace Blind10.Pooling.Generic;

public interface IPooledObjectPolicy<T>
{
    T Create();
    bool Return(T item);
}

/// <summary>
/// Object pool with a single-slot fast path and a bounded overflow queue. Instances are
/// typically stored in static fields and used from any thread.
/// </summary>
public sealed class BoundedObjectPool<T> where T : class
{
    private readonly ConcurrentQueue<T> _overflow = new();
    private readonly IPooledObjectPolicy<T> _policy;
    private readonly int _maxOverflow;
    private T? _fastItem;
    private int _overflowCount;

    public BoundedObjectPool(IPooledObjectPolicy<T> policy, int maximumRetained)
    {
        _policy = policy;
        _maxOverflow = maximumRetained - 1;
    }

    public T Get()
    {
        var item = Interlocked.Exchange(ref _fastItem, null);
        if (item is not null)
        {
            return item;
        }

        if (_overflow.TryDequeue(out item))
        {
            Interlocked.Decrement(ref _overflowCount);
            return item;
        }

        return _policy.Create();
    }

    public void Return(T item)
    {
        if (!_policy.Return(item))
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _fastItem, item, null) is null)
        {
            return;
        }

        if (Interlocked.Increment(ref _overflowCount) <= _maxOverflow)
        {
            _overflow.Enqueue(item);
            return;
        }

        Interlocked.Decrement(ref _overflowCount);
    }
}

public sealed class MemoryStreamPolicy : IPooledObjectPolicy<MemoryStream>
{
    public MemoryStream Create() => new(capacity: 4096);

    public bool Return(MemoryStream item)
    {
        if (item.Capacity > 1024 * 1024)
        {
            return false;
        }
        item.SetLength(0);
        return true;
    }
}

public static class PayloadSerializer
{
    private static readonly BoundedObjectPool<MemoryStream> Streams = new(new MemoryStreamPolicy(), 32);

    public static byte[] Serialize<T>(T value)
    {
        var stream = Streams.Get();
        try
        {
            System.Text.Json.JsonSerializer.Serialize(stream, value);
            return stream.ToArray();
        }
        finally
        {
            Streams.Return(stream);
        }
    }
}
