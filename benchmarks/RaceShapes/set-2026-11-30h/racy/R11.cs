namespace Blind8.Tools.LogScan;

public sealed record FileScanResult(string Path, int Lines, int Errors, int Warnings);

public sealed record ScanReport(IReadOnlyList<FileScanResult> Files, long TotalBytes)
{
    public int TotalErrors => Files.Sum(f => f.Errors);
    public int TotalWarnings => Files.Sum(f => f.Warnings);
}

/// <summary>
/// Scans archived application logs and reports error and warning counts per
/// file. Used by the `ops scan-logs` command.
/// </summary>
public sealed class LogArchiveScanner
{
    private readonly string _errorMarker;
    private readonly string _warningMarker;
    private long _totalBytes;

    public LogArchiveScanner(string errorMarker = " ERROR ", string warningMarker = " WARN ")
    {
        _errorMarker = errorMarker;
        _warningMarker = warningMarker;
    }

    public ScanReport Scan(IEnumerable<string> paths)
    {
        _totalBytes = 0;

        var results = paths
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
            .Select(ScanFile)
            .OrderByDescending(r => r.Errors)
            .ThenBy(r => r.Path, StringComparer.Ordinal)
            .ToList();

        return new ScanReport(results, _totalBytes);
    }

    private FileScanResult ScanFile(string path)
    {
        int lines = 0, errors = 0, warnings = 0;
        foreach (var line in File.ReadLines(path))
        {
            lines++;
            if (line.Contains(_errorMarker, StringComparison.Ordinal))
            {
                errors++;
            }
            else if (line.Contains(_warningMarker, StringComparison.Ordinal))
            {
                warnings++;
            }
        }

        AddToTotals(new FileInfo(path).Length);
        return new FileScanResult(path, lines, errors, warnings);
    }

    private void AddToTotals(long bytes)
    {
        _totalBytes += bytes;
    }

    public static void PrintReport(ScanReport report, TextWriter output)
    {
        output.WriteLine($"{report.Files.Count} files, {report.TotalBytes / (1024 * 1024)} MiB");
        output.WriteLine($"errors: {report.TotalErrors}, warnings: {report.TotalWarnings}");
        foreach (var file in report.Files.Where(f => f.Errors > 0).Take(20))
        {
            output.WriteLine($"  {file.Errors,6}  {file.Path}");
        }
    }
}
