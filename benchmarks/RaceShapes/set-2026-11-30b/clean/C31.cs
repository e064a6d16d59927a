using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Blind2.C31;

/// <summary>
/// Minimal CSV serializer. Property metadata is cached per type.
/// </summary>
public static class CsvSerializer
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<PropertyInfo>> ColumnCache = new();

    public static string Serialize<T>(IEnumerable<T> rows)
    {
        var columns = GetColumns(typeof(T));
        var sb = new StringBuilder();
        sb.AppendJoin(',', columns.Select(c => c.Name)).AppendLine();

        foreach (var row in rows)
        {
            for (int i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                    sb.Append(',');
                sb.Append(Escape(columns[i].GetValue(row)));
            }
            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static IReadOnlyList<PropertyInfo> GetColumns(Type type)
        => ColumnCache.GetOrAdd(type, static t => Array.AsReadOnly(
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
             .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
             .OrderBy(p => p.MetadataToken)
             .ToArray()));

    private static string Escape(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };

        return text.IndexOfAny(new[] { ',', '"', '\n', '\r' }) >= 0
            ? "\"" + text.Replace("\"", "\"\"") + "\""
            : text;
    }
}

public sealed record OrderRow(int Id, string Customer, decimal Total, DateTime PlacedUtc);

public sealed record RefundRow(int Id, int OrderId, decimal Amount, string Reason);

public static class NightlyExport
{
    public static void WriteAll(string folder, IReadOnlyList<OrderRow[]> orderPages, IReadOnlyList<RefundRow[]> refundPages)
    {
        Parallel.Invoke(
            () => Parallel.For(0, orderPages.Count, i =>
                File.WriteAllText(Path.Combine(folder, $"orders-{i:D4}.csv"), CsvSerializer.Serialize(orderPages[i]))),
            () => Parallel.For(0, refundPages.Count, i =>
                File.WriteAllText(Path.Combine(folder, $"refunds-{i:D4}.csv"), CsvSerializer.Serialize(refundPages[i]))));
    }
}
