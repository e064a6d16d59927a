using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Streamline.Playback.Buffering
{
    public sealed record SegmentInfo(int Sequence, Uri Uri, TimeSpan Duration, int ExpectedLength);

    public interface ISegmentSource
    {
        Task<Stream> OpenSegmentAsync(Uri uri, CancellationToken ct);
    }

    /// <summary>
    /// Downloads upcoming HLS segments ahead of the playhead. The player's decode thread
    /// takes segments with <see cref="TryTake"/> as playback advances.
    /// </summary>
    public sealed class SegmentPrefetcher
    {
        private readonly ISegmentSource _source;
        private readonly ConcurrentDictionary<int, byte[]> _segments = new();
        private long _bufferedBytes;

        public SegmentPrefetcher(ISegmentSource source) => _source = source;

        public long BufferedBytes => Interlocked.Read(ref _bufferedBytes);

        public async Task PrefetchAsync(IReadOnlyList<SegmentInfo> playlist, int startIndex, int count, CancellationToken ct)
        {
            var downloads = new List<Task>();
            int end = Math.Min(playlist.Count, startIndex + count);
            for (int i = startIndex; i < end; i++)
            {
                if (!_segments.ContainsKey(playlist[i].Sequence))
                    downloads.Add(FetchSegmentAsync(playlist[i], ct));
            }
            await Task.WhenAll(downloads).ConfigureAwait(false);
        }

        private async Task FetchSegmentAsync(SegmentInfo segment, CancellationToken ct)
        {
            await using var stream = await _source.OpenSegmentAsync(segment.Uri, ct).ConfigureAwait(false);
            using var buffer = new MemoryStream(segment.ExpectedLength > 0 ? segment.ExpectedLength : 256 * 1024);
            await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);

            byte[] data = buffer.ToArray();
            if (_segments.TryAdd(segment.Sequence, data))
                _bufferedBytes += data.Length;
        }

        public bool TryTake(int sequence, out byte[]? data)
        {
            if (_segments.TryRemove(sequence, out data))
            {
                Interlocked.Add(ref _bufferedBytes, -data.Length);
                return true;
            }
            return false;
        }
    }
}
