using System.Collections.Concurrent;
using System.Data;
using System.Reflection;

namespace Herbarium.Catalogue.Data;

[AttributeUsage(AttributeTargets.Property)]
public sealed class ColumnAttribute : Attribute
{
    public ColumnAttribute(string name) => Name = name;
    public string Name { get; }
}

public sealed class ColumnBinding
{
    public ColumnBinding(string column, PropertyInfo property)
    {
        Column = column;
        Property = property;
    }

    public string Column { get; }
    public PropertyInfo Property { get; }
}

/// <summary>
/// Per-type column bindings for the catalogue's data access layer. Repository
/// methods on every request thread call <see cref="For"/>.
/// </summary>
public static class ColumnBindings
{
    private static readonly ConcurrentDictionary<Type, ColumnBinding[]> Cache = new();

    public static ColumnBinding[] For(Type type) => Cache.GetOrAdd(type, static t => Build(t));

    private static ColumnBinding[] Build(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => new ColumnBinding(p.GetCustomAttribute<ColumnAttribute>()?.Name ?? p.Name, p))
            .ToArray();

    public static T Read<T>(IDataRecord record) where T : new()
    {
        var item = new T();
        foreach (var binding in For(typeof(T)))
        {
            int ordinal = -1;
            for (int i = 0; i < record.FieldCount; i++)
            {
                if (string.Equals(record.GetName(i), binding.Column, StringComparison.OrdinalIgnoreCase))
                {
                    ordinal = i;
                    break;
                }
            }

            if (ordinal >= 0 && !record.IsDBNull(ordinal))
            {
                binding.Property.SetValue(item, record.GetValue(ordinal));
            }
        }
        return item;
    }
}

public sealed class SpecimenSheet
{
    [Column("barcode")] public string Barcode { get; set; } = "";
    [Column("family")] public string Family { get; set; } = "";
    [Column("collected_on")] public DateTime CollectedOn { get; set; }
    public string? Collector { get; set; }
}

public sealed class SpecimenRepository
{
    private readonly Func<string, IEnumerable<IDataRecord>> _query;

    public SpecimenRepository(Func<string, IEnumerable<IDataRecord>> query) => _query = query;

    public IReadOnlyList<SpecimenSheet> ByFamily(string family) =>
        _query($"select * from sheets where family = '{family.Replace("'", "''")}'")
            .Select(ColumnBindings.Read<SpecimenSheet>)
            .ToList();

    public Task<IReadOnlyList<SpecimenSheet>[]> ByFamiliesAsync(IEnumerable<string> families) =>
        Task.WhenAll(families.Select(f => Task.Run(() => ByFamily(f))));
}
