using System.Globalization;
using System.Reflection;

namespace Blind30.JamFactoryImport;

/// <summary>
/// Maps rows of the supplier and production CSV files onto record types.
/// Used by every import worker in the nightly ETL run.
/// </summary>
public static class RowMapper
{
    private static readonly object s_lock = new();
    private static readonly Dictionary<Type, PropertyInfo[]> s_properties = new();

    public static T Map<T>(IReadOnlyDictionary<string, string> row) where T : new()
    {
        var target = new T();
        foreach (var property in GetWritableProperties(typeof(T)))
        {
            if (!row.TryGetValue(property.Name, out var text) || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var value = Convert.ChangeType(text.Trim(), property.PropertyType, CultureInfo.InvariantCulture);
            property.SetValue(target, value);
        }

        return target;
    }

    private static PropertyInfo[] GetWritableProperties(Type type)
    {
        if (s_properties.TryGetValue(type, out var cached))
        {
            return cached;
        }

        lock (s_lock)
        {
            if (!s_properties.TryGetValue(type, out cached))
            {
                cached = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0)
                    .ToArray();
                s_properties[type] = cached;
            }

            return cached;
        }
    }
}

public sealed class JarBatch
{
    public string BatchCode { get; set; } = "";
    public string Fruit { get; set; } = "";
    public int Jars { get; set; }
    public decimal SugarKg { get; set; }
}

public sealed class FruitDelivery
{
    public string Supplier { get; set; } = "";
    public string Fruit { get; set; } = "";
    public decimal WeightKg { get; set; }
}

/// <summary>Runs the two nightly imports side by side.</summary>
public sealed class NightlyImport
{
    public async Task<(JarBatch[] Batches, FruitDelivery[] Deliveries)> RunAsync(
        IEnumerable<IReadOnlyDictionary<string, string>> batchRows,
        IEnumerable<IReadOnlyDictionary<string, string>> deliveryRows)
    {
        var batches = Task.WhenAll(batchRows.Select(r => Task.Run(() => RowMapper.Map<JarBatch>(r))));
        var deliveries = Task.WhenAll(deliveryRows.Select(r => Task.Run(() => RowMapper.Map<FruitDelivery>(r))));
        await Task.WhenAll(batches, deliveries).ConfigureAwait(false);
        return (await batches, await deliveries);
    }
}
