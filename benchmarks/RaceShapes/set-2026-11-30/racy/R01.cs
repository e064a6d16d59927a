using System.Diagnostics;

namespace Blind.R01;

/// <summary>
/// Result of a disk usage scan.
/// </summary>
public sealed record ScanSummary(int FileCount, long TotalBytes, TimeSpan Elapsed)
{
    public string TotalFormatted => DiskUsageScanner.FormatSize(TotalBytes);
}

/// <summary>
/// Walks a set of directories and reports how much space their files occupy.
/// Used by the "usage" command of the maintenance CLI.
/// </summary>
public sealed class DiskUsageScanner
{
    private static readonly string[] Units = { "B", "KB", "MB", "GB", "TB" };
    private readonly int _maxDegreeOfParallelism;

    public DiskUsageScanner(int maxDegreeOfParallelism = 4)
    {
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    public ScanSummary Scan(IReadOnlyList<string> roots)
    {
        var stopwatch = Stopwatch.StartNew();
        var files = roots
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            .ToArray();

        long totalBytes = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = _maxDegreeOfParallelism };

        // Stat calls are slow on network shares, so fan them out.
        Parallel.For(0, files.Length, options, i =>
        {
            long length = SafeLength(files[i]);
            totalBytes += length;
        });

        stopwatch.Stop();
        return new ScanSummary(files.Length, totalBytes, stopwatch.Elapsed);
    }

    internal static string FormatSize(long bytes)
    {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return $"{value:0.##} {Units[unit]}";
    }

    private static long SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
