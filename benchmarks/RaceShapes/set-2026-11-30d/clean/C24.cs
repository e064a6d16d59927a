using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;

namespace Blind4.Clean.Serialization.Metadata;

public sealed class PropertyAccessor
{
    public PropertyAccessor(string name, Type type, Func<object, object?> getter)
    {
        Name = name;
        Type = type;
        Getter = getter;
    }

    public string Name { get; }

    public Type Type { get; }

    public Func<object, object?> Getter { get; }
}

/// <summary>
/// Writes objects as query strings (?a=1&amp;b=x) for the outgoing API client. Reflection results
/// are cached per type because the same DTO types are serialised on every request.
/// </summary>
public static class QueryStringSerializer
{
    private static readonly ConcurrentDictionary<Type, ImmutableArray<PropertyAccessor>> s_accessors = new();

    public static string Serialize(object value)
    {
        var accessors = s_accessors.GetOrAdd(value.GetType(), static type => BuildAccessors(type));
        var builder = new StringBuilder();
        foreach (var accessor in accessors)
        {
            var raw = accessor.Getter(value);
            if (raw is null)
            {
                continue;
            }

            builder.Append(builder.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(accessor.Name))
                .Append('=')
                .Append(Uri.EscapeDataString(FormatValue(raw)));
        }
        return builder.ToString();
    }

    private static ImmutableArray<PropertyAccessor> BuildAccessors(Type type)
    {
        var builder = ImmutableArray.CreateBuilder<PropertyAccessor>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            builder.Add(new PropertyAccessor(name, property.PropertyType, property.GetValue));
        }
        builder.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return builder.ToImmutable();
    }

    private static string FormatValue(object value) => value switch
    {
        DateTime dt => dt.ToUniversalTime().ToString("O"),
        DateTimeOffset dto => dto.ToUniversalTime().ToString("O"),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
