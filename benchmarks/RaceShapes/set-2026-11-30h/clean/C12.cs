using System.Text;

namespace Blind8.Text.Pooling;

/// <summary>
/// Bounded pool of <see cref="StringBuilder"/> instances for the template
/// renderer. Rent and Return may be called from any thread.
/// </summary>
public sealed class StringBuilderPool
{
    private readonly StringBuilder?[] _items;
    private readonly int _initialCapacity;
    private readonly int _maxRetainedCapacity;
    private StringBuilder? _firstItem;

    public StringBuilderPool(int maxRetained = 32, int initialCapacity = 256, int maxRetainedCapacity = 16 * 1024)
    {
        _items = new StringBuilder?[Math.Max(0, maxRetained - 1)];
        _initialCapacity = initialCapacity;
        _maxRetainedCapacity = maxRetainedCapacity;
    }

    public static StringBuilderPool Shared { get; } = new();

    public StringBuilder Rent()
    {
        var item = Volatile.Read(ref _firstItem);
        if (item is not null && Interlocked.CompareExchange(ref _firstItem, null, item) == item)
        {
            return item;
        }

        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            item = Volatile.Read(ref items[i]);
            if (item is not null && Interlocked.CompareExchange(ref items[i], null, item) == item)
            {
                return item;
            }
        }

        return new StringBuilder(_initialCapacity);
    }

    public void Return(StringBuilder builder)
    {
        if (builder.Capacity > _maxRetainedCapacity)
        {
            return;
        }

        builder.Clear();

        if (Interlocked.CompareExchange(ref _firstItem, builder, null) is null)
        {
            return;
        }

        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            if (Interlocked.CompareExchange(ref items[i], builder, null) is null)
            {
                return;
            }
        }
    }
}

public static class TemplateRenderer
{
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var sb = StringBuilderPool.Shared.Rent();
        try
        {
            var position = 0;
            while (position < template.Length)
            {
                var open = template.IndexOf("{{", position, StringComparison.Ordinal);
                var close = open < 0 ? -1 : template.IndexOf("}}", open + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    sb.Append(template, position, template.Length - position);
                    break;
                }

                sb.Append(template, position, open - position);
                var key = template.Substring(open + 2, close - open - 2).Trim();
                sb.Append(values.TryGetValue(key, out var value) ? value : string.Empty);
                position = close + 2;
            }

            return sb.ToString();
        }
        finally
        {
            StringBuilderPool.Shared.Return(sb);
        }
    }
}
