using System.Globalization;
using System.Text;

namespace Blind31.LichenSurveys.Export;

public sealed record QuadratRecord(string Site, int Quadrat, string Species, double CoveragePercent, string Substrate, DateOnly Surveyed);

/// <summary>
/// Formats survey records as CSV rows for the national lichen database. Called from the
/// exporter's parallel loop and from the field app's upload handler.
/// </summary>
public static class QuadratCsvFormatter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Format(QuadratRecord record)
    {
        var sb = t_builder ??= new StringBuilder(128);
        sb.Clear();
        AppendField(sb, record.Site).Append(',');
        sb.Append(record.Quadrat.ToString(CultureInfo.InvariantCulture)).Append(',');
        AppendField(sb, record.Species).Append(',');
        sb.Append(record.CoveragePercent.ToString("F1", CultureInfo.InvariantCulture)).Append(',');
        AppendField(sb, record.Substrate).Append(',');
        sb.Append(record.Surveyed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static StringBuilder AppendField(StringBuilder sb, string value)
    {
        if (value.IndexOfAny(new[] { ',', '"', '\n' }) < 0)
        {
            return sb.Append(value);
        }

        return sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
    }
}

/// <summary>Writes a whole survey season to a CSV file.</summary>
public sealed class SeasonExporter
{
    public async Task ExportAsync(IReadOnlyList<QuadratRecord> records, string path, CancellationToken ct)
    {
        var rows = new string[records.Count];
        Parallel.For(0, records.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            rows[i] = QuadratCsvFormatter.Format(records[i]);
        });

        await using var writer = new StreamWriter(path, append: false, Encoding.UTF8);
        await writer.WriteLineAsync("site,quadrat,species,coverage,substrate,surveyed").ConfigureAwait(false);
        foreach (var row in rows)
        {
            await writer.WriteLineAsync(row).ConfigureAwait(false);
        }
    }

    public IReadOnlyList<string> PreviewRare(IEnumerable<QuadratRecord> records, double maxCoverage)
    {
        return records
            .AsParallel()
            .AsOrdered()
            .Where(r => r.CoveragePercent <= maxCoverage)
            .Select(QuadratCsvFormatter.Format)
            .Take(50)
            .ToList();
    }
}
