using System.Security.Cryptography;

namespace Backup.Chunking;

public sealed record ChunkInfo(long Offset, int Length, string Hash);

/// <summary>
/// Splits a backup file into fixed-size chunks and hashes them in parallel so
/// only changed chunks need to be uploaded.
/// </summary>
public static class ChunkHasher
{
    public const int ChunkSize = 4 * 1024 * 1024;

    public static ChunkInfo[] HashFile(string path)
    {
        var length = new FileInfo(path).Length;
        var chunkCount = (int)((length + ChunkSize - 1) / ChunkSize);
        var chunks = new ChunkInfo[chunkCount];

        Parallel.For(0, chunkCount, index =>
        {
            var offset = (long)index * ChunkSize;
            var size = (int)Math.Min(ChunkSize, length - offset);
            var buffer = new byte[size];

            using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                var read = 0;
                while (read < size)
                {
                    var n = RandomAccess.Read(handle, buffer.AsSpan(read), offset + read);
                    if (n == 0)
                    {
                        throw new EndOfStreamException($"{path} shrank while being read.");
                    }

                    read += n;
                }
            }

            chunks[index] = new ChunkInfo(offset, size, Convert.ToHexString(SHA256.HashData(buffer)));
        });

        return chunks;
    }

    public static IReadOnlyList<ChunkInfo> ChangedSince(ChunkInfo[] current, IReadOnlyDictionary<long, string> previousHashes)
    {
        return current
            .AsParallel()
            .AsOrdered()
            .Where(chunk => !previousHashes.TryGetValue(chunk.Offset, out var old) || old != chunk.Hash)
            .ToList();
    }

    public static long TotalBytes(IEnumerable<ChunkInfo> chunks) =>
        chunks.AsParallel().Sum(chunk => (long)chunk.Length);
}
