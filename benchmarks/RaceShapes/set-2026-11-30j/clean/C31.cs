using System.Buffers;
using System.Security.Cryptography;

namespace Blind10.Tools.ChunkHashing;

public sealed record ChunkManifest(string File, long Length, int ChunkSize, string[] ChunkHashes, string RootHash);

/// <summary>
/// Produces a chunk manifest for large files (used by the delta uploader). Chunks are
/// hashed in parallel.
/// </summary>
public static class ChunkManifestBuilder
{
    public static ChunkManifest Build(string path, int chunkSize = 4 * 1024 * 1024)
    {
        long length = new FileInfo(path).Length;
        int chunkCount = (int)((length + chunkSize - 1) / chunkSize);
        var hashes = new string[chunkCount];

        Parallel.For(0, chunkCount, index =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
                stream.Position = (long)index * chunkSize;
                int read = stream.ReadAtLeast(buffer.AsSpan(0, chunkSize), chunkSize, throwOnEndOfStream: false);
                hashes[index] = Convert.ToHexString(SHA256.HashData(buffer.AsSpan(0, read)));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });

        using var root = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var hash in hashes)
        {
            root.AppendData(Convert.FromHexString(hash));
        }

        return new ChunkManifest(path, length, chunkSize, hashes, Convert.ToHexString(root.GetHashAndReset()));
    }

    public static IReadOnlyList<int> ChangedChunks(ChunkManifest previous, ChunkManifest current)
    {
        var changed = new List<int>();
        for (int i = 0; i < current.ChunkHashes.Length; i++)
        {
            if (i >= previous.ChunkHashes.Length || previous.ChunkHashes[i] != current.ChunkHashes[i])
            {
                changed.Add(i);
            }
        }
        return changed;
    }
}
