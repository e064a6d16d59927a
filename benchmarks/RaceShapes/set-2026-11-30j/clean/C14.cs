namespace Blind10.Tools.DiskUsage;

/// <summary>
/// Implements <c>du-summary &lt;directory&gt;</c>: totals file sizes per extension across a
/// directory tree using all cores.
/// </summary>
public static class DiskUsageCommand
{
    private sealed class Tally
    {
        public long Bytes;
        public int Files;
        public readonly Dictionary<string, long> BytesByExtension = new(StringComparer.OrdinalIgnoreCase);
    }

    public static int Run(string root, TextWriter output, int maxParallelism)
    {
        var files = Directory.EnumerateFiles(root, "*", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
        });

        long totalBytes = 0;
        int totalFiles = 0;
        var byExtension = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var mergeLock = new object();

        Parallel.ForEach(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism },
            () => new Tally(),
            (path, _, tally) =>
            {
                long length;
                try
                {
                    length = new FileInfo(path).Length;
                }
                catch (IOException)
                {
                    return tally;
                }

                var extension = Path.GetExtension(path);
                tally.Bytes += length;
                tally.Files++;
                tally.BytesByExtension[extension] = tally.BytesByExtension.GetValueOrDefault(extension) + length;
                return tally;
            },
            tally =>
            {
                lock (mergeLock)
                {
                    totalBytes += tally.Bytes;
                    totalFiles += tally.Files;
                    foreach (var (extension, bytes) in tally.BytesByExtension)
                    {
                        byExtension[extension] = byExtension.GetValueOrDefault(extension) + bytes;
                    }
                }
            });

        foreach (var (extension, bytes) in byExtension.OrderByDescending(p => p.Value).Take(15))
        {
            output.WriteLine($"{(extension.Length == 0 ? "(none)" : extension),-10} {bytes / 1024.0 / 1024.0,10:F1} MiB");
        }

        output.WriteLine($"{totalFiles} files, {totalBytes / 1024.0 / 1024.0:F1} MiB total");
        return 0;
    }
}
