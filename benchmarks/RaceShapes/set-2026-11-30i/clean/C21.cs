namespace DiskUsage.Cli;

public sealed record UsageReport(long TotalBytes, long FileCount, long LargestFileBytes, string? LargestFile);

/// <summary>
/// "du" style command that sums file sizes across a list of directories.
/// Each directory is processed by the parallel loop and partial totals are
/// folded in once per worker.
/// </summary>
public static class UsageCommand
{
    private sealed class Partial
    {
        public long Bytes;
        public long Files;
        public long LargestBytes;
        public string? LargestPath;
    }

    public static UsageReport Measure(IReadOnlyList<string> directories)
    {
        long totalBytes = 0;
        long totalFiles = 0;
        long largestBytes = -1;
        string? largestPath = null;
        var largestLock = new object();

        Parallel.For(
            0,
            directories.Count,
            () => new Partial(),
            (i, _, partial) =>
            {
                foreach (var file in SafeEnumerate(directories[i]))
                {
                    long length;
                    try
                    {
                        length = new FileInfo(file).Length;
                    }
                    catch (IOException)
                    {
                        continue;
                    }

                    partial.Bytes += length;
                    partial.Files++;
                    if (length > partial.LargestBytes)
                    {
                        partial.LargestBytes = length;
                        partial.LargestPath = file;
                    }
                }

                return partial;
            },
            partial =>
            {
                Interlocked.Add(ref totalBytes, partial.Bytes);
                Interlocked.Add(ref totalFiles, partial.Files);
                lock (largestLock)
                {
                    if (partial.LargestBytes > largestBytes)
                    {
                        largestBytes = partial.LargestBytes;
                        largestPath = partial.LargestPath;
                    }
                }
            });

        return new UsageReport(totalBytes, totalFiles, Math.Max(largestBytes, 0), largestPath);
    }

    private static IEnumerable<string> SafeEnumerate(string directory)
    {
        try
        {
            return Directory.EnumerateFiles(directory, "*", new EnumerationOptions
            {
                RecurseSubdirectories = true,
                IgnoreInaccessible = true,
            }).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return Array.Empty<string>();
        }
    }
}
