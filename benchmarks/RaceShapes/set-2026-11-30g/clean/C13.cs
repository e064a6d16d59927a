using System.Globalization;
using System.Text;

namespace Reporting.Formatting;

/// <summary>Per-thread reusable builder for short strings.</summary>
internal static class PooledStringBuilder
{
    private const int MaxCachedCapacity = 360;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    public static StringBuilder Rent(int capacity = 32)
    {
        if (capacity <= MaxCachedCapacity)
        {
            var sb = t_cached;
            if (sb is not null && capacity <= sb.Capacity)
            {
                t_cached = null;
                sb.Clear();
                return sb;
            }
        }

        return new StringBuilder(capacity);
    }

    public static string ToStringAndReturn(StringBuilder sb)
    {
        var text = sb.ToString();
        if (sb.Capacity <= MaxCachedCapacity)
            t_cached = sb;

        return text;
    }
}

public sealed record LedgerEntry(DateTime Posted, string Account, string Memo, decimal Debit, decimal Credit);

/// <summary>Renders ledger entries as fixed-width text lines.</summary>
public static class LedgerTextRenderer
{
    public static string[] RenderAll(IReadOnlyList<LedgerEntry> entries)
    {
        var output = new string[entries.Count];
        Parallel.For(0, entries.Count, i => output[i] = Render(entries[i]));
        return output;
    }

    public static string Render(LedgerEntry entry)
    {
        var sb = PooledStringBuilder.Rent();
        sb.Append(entry.Posted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("  ");
        sb.Append(entry.Account.PadRight(12)).Append("  ");
        sb.Append(Truncate(entry.Memo, 30).PadRight(30)).Append("  ");
        sb.Append(FormatAmount(entry.Debit)).Append("  ");
        sb.Append(FormatAmount(entry.Credit));
        return PooledStringBuilder.ToStringAndReturn(sb);
    }

    private static string FormatAmount(decimal value) =>
        value == 0 ? new string(' ', 12) : value.ToString("#,##0.00", CultureInfo.InvariantCulture).PadLeft(12);

    private static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
