using System.Collections.Concurrent;

namespace Blind4.Clean.Pooling.Objects;

public interface IPooledObjectPolicy<T>
{
    T Create();

    /// <summary>Resets the object; returns false if it should be dropped instead of pooled.</summary>
    bool Return(T obj);
}

/// <summary>
/// Object pool in the style of Microsoft.Extensions.ObjectPool.DefaultObjectPool: one fast slot
/// plus a bounded overflow queue. A single instance is injected into every request handler.
/// </summary>
public class BoundedObjectPool<T> where T : class
{
    private readonly IPooledObjectPolicy<T> _policy;
    private readonly ConcurrentQueue<T> _overflow = new();
    private readonly int _maxOverflow;
    private T? _fastItem;
    private int _overflowCount;

    public BoundedObjectPool(IPooledObjectPolicy<T> policy, int maximumRetained = 32)
    {
        _policy = policy;
        _maxOverflow = Math.Max(0, maximumRetained - 1);
    }

    public T Get()
    {
        var item = Volatile.Read(ref _fastItem);
        if (item is not null && Interlocked.CompareExchange(ref _fastItem, null, item) == item)
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

    public void Return(T obj)
    {
        if (!_policy.Return(obj))
        {
            return;
        }

        if (Volatile.Read(ref _fastItem) is not null || Interlocked.CompareExchange(ref _fastItem, obj, null) is not null)
        {
            AddToOverflow(obj);
        }
    }

    private void AddToOverflow(T obj)
    {
        if (Interlocked.Increment(ref _overflowCount) <= _maxOverflow)
        {
            _overflow.Enqueue(obj);
            return;
        }

        // Over capacity: drop the object and undo the reservation.
        Interlocked.Decrement(ref _overflowCount);
        (obj as IDisposable)?.Dispose();
    }
}

public sealed class StringBuilderPolicy : IPooledObjectPolicy<System.Text.StringBuilder>
{
    public int MaximumRetainedCapacity { get; init; } = 4 * 1024;

    public System.Text.StringBuilder Create() => new(256);

    public bool Return(System.Text.StringBuilder obj)
    {
        if (obj.Capacity > MaximumRetainedCapacity)
        {
            return false;
        }

        obj.Clear();
        return true;
    }
}
