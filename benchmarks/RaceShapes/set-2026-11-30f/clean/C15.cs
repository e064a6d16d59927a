using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace DupeFinder.Cli;

/// <summary>
/// <c>dupes scan</c>: hashes every file under a folder in parallel and prints
/// groups of identical files.
/// </summary>
public static class ScanCommand
{
    public static int Execute(string root, int maxDegreeOfParallelism)
    {
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        var byHash = new ConcurrentDictionary<string, ConcurrentBag<string>>(StringComparer.Ordinal);
        long totalBytes = 0;
        var unreadable = 0;

        Parallel.ForEach(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            () => (Bytes: 0L, Errors: 0),
            (path, _, local) =>
            {
                try
                {
                    using var stream = File.OpenRead(path);
                    var hash = Convert.ToHexString(SHA256.HashData(stream));
                    byHash.GetOrAdd(hash, _ => new ConcurrentBag<string>()).Add(path);
                    local.Bytes += stream.Length;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    local.Errors++;
                }

                return local;
            },
            local =>
            {
                Interlocked.Add(ref totalBytes, local.Bytes);
                Interlocked.Add(ref unreadable, local.Errors);
            });

        var duplicates = byHash.Values
            .Where(group => group.Count > 1)
            .Select(group => group.OrderBy(p => p, StringComparer.Ordinal).ToList())
            .OrderByDescending(group => group.Count)
            .ToList();

        foreach (var group in duplicates)
        {
            Console.WriteLine($"{group.Count} copies:");
            foreach (var path in group)
            {
                Console.WriteLine("  " + Path.GetRelativePath(root, path));
            }
        }

        Console.WriteLine($"Scanned {files.Length} files ({totalBytes / (1024 * 1024)} MiB), {unreadable} unreadable.");
        return duplicates.Count == 0 ? 0 : 1;
    }
}
