using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace Blind57.TypewriterRepair.Exports;

/// <summary>
/// Column layout for exporting records of type <typeparamref name="T"/>; computed once per type
/// by the static initialiser and never changed afterwards.
/// </summary>
internal static class RecordLayout<T>
{
    public static readonly PropertyInfo[] Columns = typeof(T)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead)
        .OrderBy(p => p.MetadataToken)
        .ToArray();

    public static readonly string HeaderLine = string.Join(",", Columns.Select(p => p.Name));
}

public sealed class RepairJob
{
    public string Ticket { get; init; } = "";
    public string Customer { get; init; } = "";
    public string Machine { get; init; } = "";
    public string Fault { get; init; } = "";
    public decimal Quote { get; init; }
}

public sealed class RibbonSale
{
    public string Sku { get; init; } = "";
    public string Colour { get; init; } = "";
    public int Quantity { get; init; }
}

/// <summary>
/// Writes CSV exports for the accountant. Exports for different months run in parallel.
/// </summary>
public sealed class CsvExporter
{
    private static readonly ConcurrentDictionary<Type, int> ExportsByType = new();

    public static string Export<T>(IEnumerable<T> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(RecordLayout<T>.HeaderLine);
        foreach (var row in rows)
        {
            sb.AppendLine(string.Join(",", RecordLayout<T>.Columns.Select(c => Escape(c.GetValue(row)))));
        }
        ExportsByType.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return sb.ToString();
    }

    public static int ExportCount<T>() => ExportsByType.TryGetValue(typeof(T), out var n) ? n : 0;

    public static async Task ExportMonthsAsync(
        IReadOnlyDictionary<string, (IReadOnlyList<RepairJob> Jobs, IReadOnlyList<RibbonSale> Ribbons)> months,
        string folder,
        CancellationToken ct)
    {
        await Parallel.ForEachAsync(months, ct, async (month, token) =>
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"{month.Key}-jobs.csv"), Export(month.Value.Jobs), token);
            await File.WriteAllTextAsync(Path.Combine(folder, $"{month.Key}-ribbons.csv"), Export(month.Value.Ribbons), token);
        });
    }

    private static string Escape(object? value)
    {
        var text = value?.ToString() ?? "";
        return text.Contains(',') || text.Contains('"') ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
