using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Blind.C31;

public readonly record struct ChunkHash(long Offset, int Length, string Sha256);

/// <summary>
/// Splits a large file into fixed-size chunks and hashes them for the
/// deduplicating backup uploader.
/// </summary>
public static class ChunkHasher
{
    public static ChunkHash[] HashFile(string path, int chunkSize = 4 * 1024 * 1024)
    {
        long length = new FileInfo(path).Length;
        int chunkCount = (int)((length + chunkSize - 1) / chunkSize);
        var hashes = new ChunkHash[chunkCount];
        if (chunkCount == 0)
        {
            return hashes;
        }

        var ranges = Partitioner.Create(0, chunkCount, Math.Max(1, chunkCount / (Environment.ProcessorCount * 2)));

        Parallel.ForEach(ranges, range =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
            var buffer = new byte[chunkSize];

            for (int i = range.Item1; i < range.Item2; i++)
            {
                long offset = (long)i * chunkSize;
                stream.Position = offset;

                int read = 0;
                int toRead = (int)Math.Min(chunkSize, length - offset);
                while (read < toRead)
                {
                    int n = stream.Read(buffer, read, toRead - read);
                    if (n == 0)
                    {
                        break;
                    }
                    read += n;
                }

                var digest = SHA256.HashData(buffer.AsSpan(0, read));
                hashes[i] = new ChunkHash(offset, read, Convert.ToHexString(digest));
            }
        });

        return hashes;
    }

    public static int CountDuplicates(IEnumerable<ChunkHash> hashes) =>
        hashes.GroupBy(h => h.Sha256).Sum(g => g.Count() - 1);
}
