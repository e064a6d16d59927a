using System.Collections.Concurrent;
using System.Text;

namespace Blind10.Pooling.Builders;

/// <summary>
/// Pool of <see cref="StringBuilder"/> instances used by the log message renderer.
/// A single process-wide instance is exposed through <see cref="Shared"/>.
/// </summary>
public sealed class StringBuilderPool
{
    public static StringBuilderPool Shared { get; } = new(maxRetained: Environment.ProcessorCount * 2);

    private readonly ConcurrentQueue<StringBuilder> _items = new();
    private readonly int _maxRetained;
    private readonly int _maxCapacity;
    private StringBuilder? _fastItem;
    private int _queuedCount;

    public StringBuilderPool(int maxRetained, int maxCapacity = 16 * 1024)
    {
        _maxRetained = maxRetained;
        _maxCapacity = maxCapacity;
    }

    public StringBuilder Rent()
    {
        var item = _fastItem;
        if (item is not null)
        {
            _fastItem = null;
            return item;
        }

        if (_items.TryDequeue(out item))
        {
            Interlocked.Decrement(ref _queuedCount);
            return item;
        }

        return new StringBuilder(256);
    }

    public void Return(StringBuilder builder)
    {
        if (builder.Capacity > _maxCapacity)
        {
            return;
        }

        builder.Clear();
        if (_fastItem is null)
        {
            _fastItem = builder;
            return;
        }

        if (Interlocked.Increment(ref _queuedCount) <= _maxRetained)
        {
            _items.Enqueue(builder);
            return;
        }

        Interlocked.Decrement(ref _queuedCount);
    }
}

public static class LogMessageRenderer
{
    public static string Render(string template, IReadOnlyDictionary<string, object?> properties)
    {
        var builder = StringBuilderPool.Shared.Rent();
        try
        {
            int position = 0;
            while (position < template.Length)
            {
                int open = template.IndexOf('{', position);
                int close = open < 0 ? -1 : template.IndexOf('}', open);
                if (open < 0 || close < 0)
                {
                    builder.Append(template, position, template.Length - position);
                    break;
                }

                builder.Append(template, position, open - position);
                var name = template.Substring(open + 1, close - open - 1);
                builder.Append(properties.TryGetValue(name, out var value) ? value : "{" + name + "}");
                position = close + 1;
            }
            return builder.ToString();
        }
        finally
        {
            StringBuilderPool.Shared.Return(builder);
        }
    }
}
