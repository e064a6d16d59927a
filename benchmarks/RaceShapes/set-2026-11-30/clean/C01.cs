using System.Diagnostics;

namespace Blind.C01;

public sealed record UsageReport(int FileCount, long TotalBytes, IReadOnlyDictionary<string, long> BytesByExtension, TimeSpan Elapsed);

/// <summary>
/// Computes disk usage for a folder tree, broken down by file extension.
/// </summary>
public sealed class ExtensionUsageScanner
{
    private readonly int _maxDegreeOfParallelism;

    public ExtensionUsageScanner(int maxDegreeOfParallelism = 4)
    {
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    public UsageReport Scan(string root)
    {
        var stopwatch = Stopwatch.StartNew();
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToArray();

        long totalBytes = 0;
        var byExtension = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var mergeLock = new object();
        var options = new ParallelOptions { MaxDegreeOfParallelism = _maxDegreeOfParallelism };

        Parallel.ForEach(
            files,
            options,
            () => new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase),
            (path, _, local) =>
            {
                long length = SafeLength(path);
                string ext = Path.GetExtension(path);
                local[ext] = local.TryGetValue(ext, out var sum) ? sum + length : length;
                return local;
            },
            local =>
            {
                long subtotal = 0;
                lock (mergeLock)
                {
                    foreach (var (ext, bytes) in local)
                    {
                        byExtension[ext] = byExtension.TryGetValue(ext, out var sum) ? sum + bytes : bytes;
                        subtotal += bytes;
                    }
                }
                Interlocked.Add(ref totalBytes, subtotal);
            });

        stopwatch.Stop();
        return new UsageReport(files.Length, totalBytes, byExtension, stopwatch.Elapsed);
    }

    private static long SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
