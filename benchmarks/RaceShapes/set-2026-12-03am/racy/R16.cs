using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Sailmakers.Uploads;

/// <summary>
/// Reassembles sail-plan files uploaded from the loft tablets in masked chunks.
/// One assembler per upload; chunks arrive on parallel connections and each chunk's
/// checksum is computed in the background while the chunk is written to disk.
/// </summary>
public sealed class SailPlanChunkAssembler : IAsyncDisposable
{
    public const int MaxChunkBytes = 64 * 1024;

    private readonly FileStream _file;
    private readonly SemaphoreSlim _fileLock = new(1, 1);
    private readonly ConcurrentDictionary<int, uint> _checksums = new();
    private readonly ConcurrentBag<Task> _hashing = new();

    public SailPlanChunkAssembler(string targetPath)
    {
        _file = new FileStream(targetPath, FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true);
    }

    public async Task AcceptChunkAsync(int index, ReadOnlyMemory<byte> maskedPayload, uint mask)
    {
        if (maskedPayload.Length > MaxChunkBytes)
            throw new ArgumentException("Chunk too large.", nameof(maskedPayload));

        var buffer = ArrayPool<byte>.Shared.Rent(MaxChunkBytes);
        try
        {
            int length = maskedPayload.Length;
            Unmask(maskedPayload.Span, mask, buffer);
            _hashing.Add(Task.Run(() => _checksums[index] = Adler32(buffer, length)));

            await _fileLock.WaitAsync();
            try
            {
                _file.Position = (long)index * MaxChunkBytes;
                await _file.WriteAsync(buffer.AsMemory(0, length));
            }
            finally
            {
                _fileLock.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Waits for outstanding checksums and returns them by chunk index.</summary>
    public async Task<IReadOnlyDictionary<int, uint>> CompleteAsync()
    {
        await Task.WhenAll(_hashing);
        return new SortedDictionary<int, uint>(_checksums);
    }

    private static void Unmask(ReadOnlySpan<byte> payload, uint mask, byte[] target)
    {
        for (int i = 0; i < payload.Length; i++)
        {
            target[i] = (byte)(payload[i] ^ (byte)(mask >> (8 * (i & 3))));
        }
    }

    private static uint Adler32(byte[] data, int length)
    {
        uint a = 1, b = 0;
        for (int i = 0; i < length; i++)
        {
            a = (a + data[i]) % 65521;
            b = (b + a) % 65521;
        }
        return (b << 16) | a;
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync();
        _fileLock.Dispose();
    }
}
