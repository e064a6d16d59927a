using System.Reflection;

namespace Blind34.Observatory.PlateExport;

public interface IPlateFormatter
{
    string Format(object plateRecord);
}

internal sealed class ReflectionPlateFormatter : IPlateFormatter
{
    private readonly PropertyInfo[] _properties;

    public ReflectionPlateFormatter(Type type) =>
        _properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();

    public string Format(object plateRecord) =>
        string.Join(";", _properties.Select(p => $"{p.Name}={p.GetValue(plateRecord)}"));
}

/// <summary>
/// Caches one formatter per plate record type, since building one walks the
/// type with reflection.
/// </summary>
internal static class PlateFormatterCache
{
    private static readonly object s_gate = new();
    private static readonly Dictionary<Type, IPlateFormatter> s_formatters = new();

    public static IPlateFormatter For(Type recordType)
    {
        if (s_formatters.TryGetValue(recordType, out var formatter))
        {
            return formatter;
        }

        lock (s_gate)
        {
            if (!s_formatters.TryGetValue(recordType, out formatter))
            {
                formatter = new ReflectionPlateFormatter(recordType);
                s_formatters.Add(recordType, formatter);
            }

            return formatter;
        }
    }
}

public sealed record GlassPlate(string Catalogue, DateTime Exposed, string Telescope, double ExposureMinutes);

public sealed record SpectrumPlate(string Catalogue, DateTime Exposed, string Prism, string TargetStar);

public sealed record EclipsePlate(string Catalogue, DateTime Exposed, string Site);

/// <summary>Writes archive records out as text lines for the digitisation contractor.</summary>
public sealed class PlateArchiveExporter
{
    public IReadOnlyList<string> Export(IReadOnlyList<object> records)
    {
        var lines = new string[records.Count];
        Parallel.For(0, records.Count, i =>
        {
            var record = records[i];
            lines[i] = PlateFormatterCache.For(record.GetType()).Format(record);
        });
        return lines;
    }
}
