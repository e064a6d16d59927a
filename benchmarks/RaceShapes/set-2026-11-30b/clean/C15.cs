using System.Buffers;
using System.Security.Cryptography;

namespace Blind2.C15;

public sealed record FileChecksum(string Path, long Length, string Sha256);

/// <summary>
/// <c>checksum</c> command: writes a SHA-256 manifest for every file under a
/// folder, hashing files in parallel.
/// </summary>
public static class ChecksumCommand
{
    public static int Run(string root, string manifestPath, int jobs)
    {
        var entries = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .AsParallel()
            .WithDegreeOfParallelism(jobs > 0 ? jobs : Environment.ProcessorCount)
            .Select(HashOne)
            .OrderBy(e => e.Path, StringComparer.Ordinal)
            .ToList();

        long totalBytes = entries.Sum(e => e.Length);

        using var writer = new StreamWriter(manifestPath);
        foreach (var entry in entries)
            writer.WriteLine($"{entry.Sha256}  {Path.GetRelativePath(root, entry.Path)}");

        Console.WriteLine($"{entries.Count} files, {totalBytes:N0} bytes");
        return 0;
    }

    private static FileChecksum HashOne(string path)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);

            long length = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }

            return new FileChecksum(path, length, Convert.ToHexString(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
