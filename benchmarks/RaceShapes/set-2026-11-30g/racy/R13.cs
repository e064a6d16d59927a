using System.Globalization;
using System.Text;

namespace DataExport.Csv;

/// <summary>
/// Hands out a reusable <see cref="StringBuilder"/> so that formatting a row does not
/// allocate a new builder every time.
/// </summary>
internal static class RowBuilderCache
{
    private const int MaxBuilderSize = 512;

    private static StringBuilder? s_cachedInstance;

    public static StringBuilder Acquire(int capacity = 64)
    {
        if (capacity <= MaxBuilderSize)
        {
            StringBuilder? sb = s_cachedInstance;
            if (sb != null && capacity <= sb.Capacity)
            {
                s_cachedInstance = null;
                sb.Clear();
                return sb;
            }
        }

        return new StringBuilder(capacity);
    }

    public static string GetStringAndRelease(StringBuilder sb)
    {
        string result = sb.ToString();
        if (sb.Capacity <= MaxBuilderSize)
            s_cachedInstance = sb;

        return result;
    }
}

public sealed record SalesRow(DateOnly Date, string Region, string Sku, int Quantity, decimal UnitPrice);

/// <summary>Writes sales rows to CSV, formatting rows on all cores.</summary>
public static class SalesCsvExporter
{
    public static async Task ExportAsync(IReadOnlyList<SalesRow> rows, string path, CancellationToken ct)
    {
        var lines = new string[rows.Count];

        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            lines[i] = FormatRow(rows[i]);
        });

        await using var writer = new StreamWriter(path, append: false, Encoding.UTF8);
        await writer.WriteLineAsync("date,region,sku,quantity,unit_price,total").ConfigureAwait(false);
        foreach (var line in lines)
            await writer.WriteLineAsync(line).ConfigureAwait(false);
    }

    private static string FormatRow(SalesRow row)
    {
        var sb = RowBuilderCache.Acquire();
        sb.Append(row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
        AppendQuoted(sb, row.Region).Append(',');
        AppendQuoted(sb, row.Sku).Append(',');
        sb.Append(row.Quantity.ToString(CultureInfo.InvariantCulture)).Append(',');
        sb.Append(row.UnitPrice.ToString("0.00", CultureInfo.InvariantCulture)).Append(',');
        sb.Append((row.UnitPrice * row.Quantity).ToString("0.00", CultureInfo.InvariantCulture));
        return RowBuilderCache.GetStringAndRelease(sb);
    }

    private static StringBuilder AppendQuoted(StringBuilder sb, string value)
    {
        if (value.IndexOfAny(new[] { ',', '"', '\n' }) < 0)
            return sb.Append(value);

        return sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
    }
}
