using System.Text;

namespace Pooling.Buffers;

public interface IPooledObjectPolicy<T> where T : class
{
    T Create();
    bool Return(T obj);
}

/// <summary>
/// Bounded object pool with a single-item fast path in front of a small
/// array of slots. Intended to be stored in a static field and used from
/// any thread.
/// </summary>
public sealed class BoundedObjectPool<T> where T : class
{
    private readonly IPooledObjectPolicy<T> _policy;
    private readonly T?[] _items;
    private T? _firstItem;

    public BoundedObjectPool(IPooledObjectPolicy<T> policy, int maximumRetained = 32)
    {
        _policy = policy;
        _items = new T?[maximumRetained - 1];
    }

    public T Get()
    {
        var item = Volatile.Read(ref _firstItem);
        if (item != null && Interlocked.CompareExchange(ref _firstItem, null, item) == item)
        {
            return item;
        }

        var items = _items;
        for (int i = 0; i < items.Length; i++)
        {
            item = Volatile.Read(ref items[i]);
            if (item != null && Interlocked.CompareExchange(ref items[i], null, item) == item)
            {
                return item;
            }
        }

        return _policy.Create();
    }

    public void Return(T obj)
    {
        if (!_policy.Return(obj))
        {
            return;
        }

        if (_firstItem == null)
        {
            _firstItem = obj;
            return;
        }

        var items = _items;
        for (int i = 0; i < items.Length && Interlocked.CompareExchange(ref items[i], obj, null) != null; i++)
        {
        }
    }
}

public sealed class StringBuilderPolicy : IPooledObjectPolicy<StringBuilder>
{
    public int MaximumRetainedCapacity { get; init; } = 4 * 1024;

    public StringBuilder Create() => new(256);

    public bool Return(StringBuilder obj)
    {
        if (obj.Capacity > MaximumRetainedCapacity)
        {
            return false;
        }

        obj.Clear();
        return true;
    }
}

public static class StringBuilderCache
{
    public static readonly BoundedObjectPool<StringBuilder> Shared = new(new StringBuilderPolicy());

    public static string Format(string template, params object?[] args)
    {
        var sb = Shared.Get();
        try
        {
            sb.AppendFormat(template, args);
            return sb.ToString();
        }
        finally
        {
            Shared.Return(sb);
        }
    }
}
