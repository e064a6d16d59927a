using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Dedupe.Tool;

/// <summary>
/// "dedupe scan" command: hashes every file under a directory and reports
/// groups of identical files. Hashing is spread across all cores.
/// </summary>
public static class ScanCommand
{
    [ThreadStatic]
    private static byte[]? t_readBuffer;

    public static int Run(string root, TextWriter output)
    {
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList();
        var byHash = new ConcurrentDictionary<string, ConcurrentBag<string>>(StringComparer.Ordinal);
        using var hashers = new ThreadLocal<SHA256>(SHA256.Create, trackAllValues: true);

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
        {
            string? hash = TryHash(path, hashers.Value!);
            if (hash != null)
            {
                byHash.GetOrAdd(hash, static _ => new ConcurrentBag<string>()).Add(path);
            }
        });

        int duplicateGroups = 0;
        foreach (var (hash, paths) in byHash.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (paths.Count < 2)
            {
                continue;
            }

            duplicateGroups++;
            output.WriteLine(hash[..12]);
            foreach (var path in paths.OrderBy(p => p, StringComparer.Ordinal))
            {
                output.WriteLine("  " + path);
            }
        }

        foreach (var hasher in hashers.Values)
        {
            hasher.Dispose();
        }

        output.WriteLine($"{files.Count} files, {duplicateGroups} duplicate groups");
        return 0;
    }

    private static string? TryHash(string path, SHA256 hasher)
    {
        var buffer = t_readBuffer ??= new byte[128 * 1024];

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hasher.TransformBlock(buffer, 0, read, null, 0);
            }

            hasher.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
            return Convert.ToHexString(hasher.Hash!);
        }
        catch (IOException)
        {
            hasher.Initialize();
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            hasher.Initialize();
            return null;
        }
    }
}
