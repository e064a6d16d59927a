using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;

namespace Packrat.Archiving
{
    public sealed record ChunkEntry(long OriginalOffset, int OriginalLength, long CompressedOffset, int CompressedLength, uint Crc32);

    /// <summary>Writes a chunked deflate archive, compressing chunks in parallel.</summary>
    public sealed class ChunkedArchiveWriter
    {
        private static readonly uint[] CrcTable = BuildCrcTable();

        private readonly int _chunkSize;
        private readonly CompressionLevel _level;

        public ChunkedArchiveWriter(int chunkSize = 1 << 20, CompressionLevel level = CompressionLevel.Optimal)
        {
            _chunkSize = chunkSize;
            _level = level;
        }

        public IReadOnlyList<ChunkEntry> Write(ReadOnlyMemory<byte> input, Stream output)
        {
            int chunkCount = (int)((input.Length + (long)_chunkSize - 1) / _chunkSize);
            var compressed = new byte[chunkCount][];
            var crcs = new uint[chunkCount];

            using var scratch = new ThreadLocal<MemoryStream>(() => new MemoryStream(_chunkSize), trackAllValues: true);

            Parallel.For(0, chunkCount, i =>
            {
                int start = i * _chunkSize;
                var slice = input.Slice(start, Math.Min(_chunkSize, input.Length - start));

                MemoryStream buffer = scratch.Value!;
                buffer.SetLength(0);
                using (var deflate = new DeflateStream(buffer, _level, leaveOpen: true))
                    deflate.Write(slice.Span);

                compressed[i] = buffer.ToArray();
                crcs[i] = Crc32(slice.Span);
            });

            foreach (var stream in scratch.Values)
                stream.Dispose();

            var entries = new List<ChunkEntry>(chunkCount);
            long written = 0;
            for (int i = 0; i < chunkCount; i++)
            {
                output.Write(compressed[i]);
                int originalLength = Math.Min(_chunkSize, input.Length - i * _chunkSize);
                entries.Add(new ChunkEntry((long)i * _chunkSize, originalLength, written, compressed[i].Length, crcs[i]));
                written += compressed[i].Length;
            }
            return entries;
        }

        private static uint Crc32(ReadOnlySpan<byte> data)
        {
            uint crc = 0xFFFFFFFFu;
            foreach (byte b in data)
                crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return ~crc;
        }

        private static uint[] BuildCrcTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }
    }
}
