using System.Globalization;
using System.Reflection;

namespace Blind57.TypewriterRepair.Import;

public sealed class PartRecord
{
    public string PartNumber { get; set; } = "";
    public string Description { get; set; } = "";
    public string Manufacturer { get; set; } = "";
    public string Model { get; set; } = "";
    public decimal Price { get; set; }
    public int InStock { get; set; }
}

/// <summary>
/// Maps CSV header names to writable properties of <typeparamref name="T"/>, remembering the
/// lookups so each header is only resolved by reflection once per type.
/// </summary>
internal static class CsvColumns<T>
{
    private static readonly Dictionary<string, PropertyInfo?> ByHeader = new(StringComparer.OrdinalIgnoreCase);

    public static PropertyInfo? Find(string header)
    {
        if (ByHeader.TryGetValue(header, out var property))
        {
            return property;
        }

        var normalised = header.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        property = typeof(T).GetProperty(normalised,
            BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is { CanWrite: false })
        {
            property = null;
        }

        ByHeader[header] = property;
        return property;
    }
}

/// <summary>
/// Imports supplier price lists (ribbons, platens, typebars) dropped into the shop's inbox folder.
/// Files are parsed in parallel.
/// </summary>
public sealed class PartsImportService
{
    public async Task<IReadOnlyList<PartRecord>> ImportAsync(IEnumerable<string> csvFiles, CancellationToken ct)
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<PartRecord>();
        await Parallel.ForEachAsync(csvFiles, ct, async (file, token) =>
        {
            var lines = await File.ReadAllLinesAsync(file, token);
            if (lines.Length == 0) return;

            var headers = lines[0].Split(',');
            var columns = headers.Select(CsvColumns<PartRecord>.Find).ToArray();
            foreach (var line in lines.Skip(1))
            {
                var cells = line.Split(',');
                var record = new PartRecord();
                for (int i = 0; i < columns.Length && i < cells.Length; i++)
                {
                    if (columns[i] is { } column)
                    {
                        column.SetValue(record, Convert.ChangeType(cells[i].Trim(), column.PropertyType, CultureInfo.InvariantCulture));
                    }
                }
                results.Add(record);
            }
        });
        return results.ToList();
    }
}
