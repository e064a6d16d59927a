using System.Buffers;
using System.Threading.Channels;

namespace Blind59.Letterpress.Proofs;

/// <summary>
/// A chunk of a scanned proof held in a pooled array. Whoever holds the chunk owns
/// the array and returns it by disposing the chunk.
/// </summary>
public readonly struct PooledChunk : IDisposable
{
    private readonly byte[] _array;

    public PooledChunk(byte[] array, int length)
    {
        _array = array;
        Length = length;
    }

    public int Length { get; }
    public ReadOnlySpan<byte> Span => _array.AsSpan(0, Length);

    public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
}

/// <summary>
/// Streams a high-resolution proof scan from the press room scanner to the archive,
/// computing a checksum on the way so the compositor can verify the archived copy.
/// </summary>
public sealed class ProofArchiver
{
    private const int ChunkSize = 64 * 1024;

    private readonly Func<Stream> _openArchiveFile;

    public ProofArchiver(Func<Stream> openArchiveFile) => _openArchiveFile = openArchiveFile;

    public async Task<ulong> ArchiveAsync(Stream scan, CancellationToken ct)
    {
        var chunks = Channel.CreateBounded<PooledChunk>(new BoundedChannelOptions(4)
        {
            SingleReader = true,
            SingleWriter = true,
        });

        var producer = ReadChunksAsync(scan, chunks.Writer, ct);
        var consumer = WriteChunksAsync(chunks.Reader, ct);
        await Task.WhenAll(producer, consumer).ConfigureAwait(false);
        return await consumer.ConfigureAwait(false);
    }

    private static async Task ReadChunksAsync(Stream scan, ChannelWriter<PooledChunk> writer, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int read = await scan.ReadAtLeastAsync(buffer.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, ct)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    break;
                }

                var chunk = new PooledChunk(buffer, read);
                try
                {
                    await writer.WriteAsync(chunk, ct).ConfigureAwait(false);
                }
                catch
                {
                    chunk.Dispose();
                    throw;
                }
            }
            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
            throw;
        }
    }

    private async Task<ulong> WriteChunksAsync(ChannelReader<PooledChunk> reader, CancellationToken ct)
    {
        ulong hash = 14695981039346656037UL;
        await using var archive = _openArchiveFile();

        await foreach (var chunk in reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            using (chunk)
            {
                hash = Fnv1a(hash, chunk.Span);
                archive.Write(chunk.Span);
            }
        }

        await archive.FlushAsync(ct).ConfigureAwait(false);
        return hash;
    }

    private static ulong Fnv1a(ulong hash, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return hash;
    }
}
