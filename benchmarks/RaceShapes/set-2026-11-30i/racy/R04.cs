using System.Globalization;
using System.Reflection;
using System.Text;

namespace CsvExport.Cli;

public sealed record ExportJob(string OutputPath, IReadOnlyList<object> Rows);

/// <summary>
/// Writes each job to its own CSV file. Jobs are independent, so the command
/// spreads them over all cores.
/// </summary>
public static class CsvExportCommand
{
    public static int Execute(IReadOnlyList<ExportJob> jobs, int maxDegree)
    {
        var written = jobs
            .AsParallel()
            .WithDegreeOfParallelism(maxDegree)
            .Select(job =>
            {
                File.WriteAllText(job.OutputPath, CsvWriter.Render(job.Rows));
                return job.Rows.Count;
            })
            .Sum();

        Console.WriteLine($"Exported {written} rows to {jobs.Count} files.");
        return 0;
    }
}

internal static class CsvWriter
{
    public static string Render(IReadOnlyList<object> rows)
    {
        var sb = new StringBuilder();
        if (rows.Count == 0)
        {
            return string.Empty;
        }

        var columns = ColumnCache.GetColumns(rows[0].GetType());
        sb.AppendLine(string.Join(',', columns.Select(c => c.Name)));

        foreach (var row in rows)
        {
            for (int i = 0; i < columns.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }
                sb.Append(Escape(columns[i].GetValue(row)));
            }
            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static string Escape(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return text.IndexOfAny(new[] { ',', '"', '\n' }) >= 0
            ? "\"" + text.Replace("\"", "\"\"") + "\""
            : text;
    }
}

internal static class ColumnCache
{
    private static readonly Dictionary<Type, PropertyInfo[]> s_columns = new();

    public static PropertyInfo[] GetColumns(Type type)
    {
        if (s_columns.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var props = type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToArray();

        s_columns[type] = props;
        return props;
    }
}
