using System.Security.Cryptography;

namespace Blind35.PewterCasting.Uploads;

public sealed record ChunkReceipt(int Index, string Sha256Hex, int Length);

public interface IPatternArchiveClient
{
    Task<string> PutChunkAsync(string uploadId, int index, ReadOnlyMemory<byte> data, CancellationToken ct);
    Task CommitAsync(string uploadId, IReadOnlyList<ChunkReceipt> receipts, CancellationToken ct);
}

/// <summary>
/// Uploads 3D scans of casting patterns to the archive in fixed-size chunks, several chunks
/// at a time, and commits them in order once every chunk is acknowledged.
/// </summary>
public sealed class PatternScanUploader
{
    private const int ChunkSize = 4 * 1024 * 1024;

    private readonly IPatternArchiveClient _archive;

    public PatternScanUploader(IPatternArchiveClient archive) => _archive = archive;

    public async Task<IReadOnlyList<ChunkReceipt>> UploadAsync(string uploadId, byte[] scan, CancellationToken ct)
    {
        var chunkCount = (scan.Length + ChunkSize - 1) / ChunkSize;
        var receipts = new ChunkReceipt[chunkCount];
        long bytesSent = 0;

        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, chunkCount), options, async (index, token) =>
        {
            var offset = index * ChunkSize;
            var length = Math.Min(ChunkSize, scan.Length - offset);
            var chunk = new ReadOnlyMemory<byte>(scan, offset, length);

            var hash = Convert.ToHexString(SHA256.HashData(chunk.Span));
            var echoed = await _archive.PutChunkAsync(uploadId, index, chunk, token);
            if (!string.Equals(echoed, hash, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"Chunk {index} checksum mismatch");
            }

            receipts[index] = new ChunkReceipt(index, hash, length);
            Interlocked.Add(ref bytesSent, length);
        });

        if (bytesSent != scan.Length)
        {
            throw new InvalidOperationException($"Sent {bytesSent} of {scan.Length} bytes");
        }

        await _archive.CommitAsync(uploadId, receipts, ct);
        return receipts;
    }
}

public static class UploadCommand
{
    public static async Task<int> RunAsync(IPatternArchiveClient archive, string path)
    {
        var scan = await File.ReadAllBytesAsync(path);
        var receipts = await new PatternScanUploader(archive).UploadAsync(Guid.NewGuid().ToString("N"), scan, CancellationToken.None);
        Console.WriteLine($"Uploaded {receipts.Count} chunks of {Path.GetFileName(path)}");
        return 0;
    }
}
