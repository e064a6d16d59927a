using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Streamline.Podcasts.Download
{
    public sealed record ChunkRange(int Index, long Offset, int Length);

    public interface IRangeClient
    {
        Task<Stream> GetRangeAsync(Uri uri, long offset, int length, CancellationToken ct);
    }

    /// <summary>
    /// Downloads a podcast episode in parallel byte ranges so playback can start early.
    /// The player UI polls <see cref="BytesReceived"/> to draw the buffer bar.
    /// </summary>
    public sealed class EpisodeDownloader
    {
        private readonly IRangeClient _client;
        private readonly ConcurrentDictionary<int, byte[]> _chunks = new();
        private long _bytesReceived;

        public EpisodeDownloader(IRangeClient client) => _client = client;

        public long BytesReceived => Interlocked.Read(ref _bytesReceived);

        public async Task DownloadAsync(Uri episode, long totalLength, int chunkSize, CancellationToken ct)
        {
            var tasks = new List<Task>();
            int index = 0;
            for (long offset = 0; offset < totalLength; offset += chunkSize, index++)
            {
                int length = (int)Math.Min(chunkSize, totalLength - offset);
                tasks.Add(FetchAsync(episode, new ChunkRange(index, offset, length), ct));
            }
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        private async Task FetchAsync(Uri episode, ChunkRange range, CancellationToken ct)
        {
            await using var body = await _client.GetRangeAsync(episode, range.Offset, range.Length, ct).ConfigureAwait(false);
            var data = new byte[range.Length];
            int filled = 0;
            while (filled < data.Length)
            {
                int read = await body.ReadAsync(data.AsMemory(filled), ct).ConfigureAwait(false);
                if (read == 0) throw new EndOfStreamException($"Range {range.Index} ended early.");
                filled += read;
                Interlocked.Add(ref _bytesReceived, read);
            }
            _chunks[range.Index] = data;
        }

        public bool TryGetChunk(int index, out byte[]? data) => _chunks.TryGetValue(index, out data);
    }
}
