using System.Globalization;
using System.Text;

namespace Reporting.Export;

public sealed record LedgerRow(DateOnly Date, string Account, string Description, decimal Debit, decimal Credit);

/// <summary>
/// Formats ledger rows as CSV lines in parallel. Each worker thread reuses
/// its own StringBuilder to avoid allocating one per row.
/// </summary>
public sealed class LedgerCsvExporter : IDisposable
{
    private readonly ThreadLocal<StringBuilder> _builders = new(() => new StringBuilder(256));

    public async Task ExportAsync(IReadOnlyList<LedgerRow> rows, string path, CancellationToken cancellationToken)
    {
        var lines = new string[rows.Count];

        Parallel.For(
            0,
            rows.Count,
            new ParallelOptions { CancellationToken = cancellationToken },
            i => lines[i] = Format(rows[i]));

        await using var writer = new StreamWriter(path, append: false, Encoding.UTF8);
        await writer.WriteLineAsync("date,account,description,debit,credit").ConfigureAwait(false);
        foreach (var line in lines)
        {
            await writer.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    private string Format(LedgerRow row)
    {
        var builder = _builders.Value!;
        builder.Clear();
        builder.Append(row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
        AppendQuoted(builder, row.Account);
        builder.Append(',');
        AppendQuoted(builder, row.Description);
        builder.Append(',');
        builder.Append(row.Debit.ToString("0.00", CultureInfo.InvariantCulture)).Append(',');
        builder.Append(row.Credit.ToString("0.00", CultureInfo.InvariantCulture));
        return builder.ToString();
    }

    private static void AppendQuoted(StringBuilder builder, string value)
    {
        if (value.IndexOfAny(new[] { ',', '"', '\n' }) < 0)
        {
            builder.Append(value);
            return;
        }

        builder.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
    }

    public void Dispose() => _builders.Dispose();
}
