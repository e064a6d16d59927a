using System.Globalization;
using System.Text;

namespace DataExport.Csv;

public sealed record OrderRow(int Id, string Customer, DateTime PlacedAt, decimal Total, string? Notes);

/// <summary>
/// Converts large order exports to CSV. Rows are formatted in parallel.
/// </summary>
public static class OrderCsvExporter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private static readonly ThreadLocal<char[]> NumberBuffer = new(() => new char[64]);

    public static string[] FormatRows(IReadOnlyList<OrderRow> rows)
    {
        var lines = new string[rows.Count];

        Parallel.For(0, rows.Count, i =>
        {
            lines[i] = FormatRow(rows[i]);
        });

        return lines;
    }

    public static void WriteFile(string path, IReadOnlyList<OrderRow> rows)
    {
        var lines = FormatRows(rows);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.WriteLine("id,customer,placed_at,total,notes");
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }

    private static string FormatRow(OrderRow row)
    {
        var sb = t_builder ??= new StringBuilder(256);
        sb.Clear();

        sb.Append(row.Id.ToString(CultureInfo.InvariantCulture)).Append(',');
        AppendQuoted(sb, row.Customer);
        sb.Append(',').Append(row.PlacedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)).Append(',');

        var buffer = NumberBuffer.Value!;
        if (row.Total.TryFormat(buffer, out var written, "0.00", CultureInfo.InvariantCulture))
        {
            sb.Append(buffer, 0, written);
        }

        sb.Append(',');
        AppendQuoted(sb, row.Notes ?? string.Empty);
        return sb.ToString();
    }

    private static void AppendQuoted(StringBuilder sb, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\n\r") < 0)
        {
            sb.Append(value);
            return;
        }

        sb.Append('"');
        foreach (var c in value)
        {
            if (c == '"')
            {
                sb.Append('"');
            }

            sb.Append(c);
        }

        sb.Append('"');
    }
}
