using System.Globalization;
using System.Reflection;

namespace Blind59.Vineyard.LabImport;

public sealed class MustAnalysis
{
    public string Block { get; set; } = "";
    public DateOnly Sampled { get; set; }
    public double Brix { get; set; }
    public double Ph { get; set; }
    public double TitratableAcidity { get; set; }
    public double YeastAssimilableNitrogen { get; set; }
}

/// <summary>
/// Maps CSV column headers to property setters for a record type. Setters are built by
/// reflection the first time a header is seen and kept for the life of the process.
/// </summary>
public static class CsvColumnSetters<T> where T : new()
{
    private static readonly Dictionary<string, Action<T, string>?> Setters = new(StringComparer.OrdinalIgnoreCase);

    public static Action<T, string>? For(string header)
    {
        if (Setters.TryGetValue(header, out var setter))
        {
            return setter;
        }

        setter = Build(header);
        Setters[header] = setter;
        return setter;
    }

    private static Action<T, string>? Build(string header)
    {
        var name = header.Replace(" ", "").Replace("_", "");
        var property = typeof(T).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || !property.CanWrite)
        {
            return null;
        }

        return (target, raw) =>
        {
            object value = property.PropertyType == typeof(string) ? raw
                : property.PropertyType == typeof(DateOnly) ? DateOnly.Parse(raw, CultureInfo.InvariantCulture)
                : Convert.ChangeType(raw, property.PropertyType, CultureInfo.InvariantCulture);
            property.SetValue(target, value);
        };
    }
}

/// <summary>
/// Parses the contract lab's CSV exports. Registered as a singleton; the winemaker,
/// the vineyard manager and the nightly sync all upload files through it.
/// </summary>
public sealed class LabCsvImporter
{
    public List<T> Parse<T>(TextReader reader) where T : new()
    {
        var rows = new List<T>();
        var headerLine = reader.ReadLine();
        if (headerLine is null)
        {
            return rows;
        }

        var setters = headerLine.Split(',').Select(h => CsvColumnSetters<T>.For(h.Trim())).ToArray();

        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            var row = new T();
            for (int i = 0; i < cells.Length && i < setters.Length; i++)
            {
                setters[i]?.Invoke(row, cells[i].Trim());
            }
            rows.Add(row);
        }

        return rows;
    }
}

public static class LabUploadEndpoint
{
    public static async Task<int> UploadAsync(LabCsvImporter importer, Stream body)
    {
        using var reader = new StreamReader(body);
        var text = await reader.ReadToEndAsync();
        var analyses = importer.Parse<MustAnalysis>(new StringReader(text));
        return analyses.Count;
    }
}
