using System.Buffers;
using System.Text;

namespace Blind64.FurSeals.Archive
{
    public sealed record PupTally(string Beach, string Observer, int Live, int Dead);

    public interface IArchiveStream
    {
        ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken ct);
    }

    /// <summary>
    /// Streams pup tallies to the survey archive as UTF-8 lines, encoding into pooled buffers.
    /// Several beach teams may upload at once.
    /// </summary>
    public sealed class PupTallyUploader
    {
        private readonly IArchiveStream _archive;
        private long _bytesSent;

        public PupTallyUploader(IArchiveStream archive) => _archive = archive;

        public long BytesSent => Interlocked.Read(ref _bytesSent);

        public async Task UploadAsync(IEnumerable<PupTally> tallies, CancellationToken ct)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(4096);
            try
            {
                var used = 0;
                foreach (var t in tallies)
                {
                    var line = $"{t.Beach},{t.Observer},{t.Live},{t.Dead}\n";
                    var needed = Encoding.UTF8.GetByteCount(line);
                    if (used + needed > buffer.Length)
                    {
                        await SendAsync(buffer, used, ct).ConfigureAwait(false);
                        used = 0;
                        if (needed > buffer.Length)
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = Array.Empty<byte>();
                            buffer = ArrayPool<byte>.Shared.Rent(needed);
                        }
                    }

                    used += Encoding.UTF8.GetBytes(line, 0, line.Length, buffer, used);
                }

                if (used > 0)
                {
                    await SendAsync(buffer, used, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                if (buffer.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        private async Task SendAsync(byte[] buffer, int count, CancellationToken ct)
        {
            await _archive.WriteAsync(buffer.AsMemory(0, count), ct).ConfigureAwait(false);
            Interlocked.Add(ref _bytesSent, count);
        }
    }

    public static class BeachTeams
    {
        public static Task UploadAllAsync(PupTallyUploader uploader, IReadOnlyDictionary<string, List<PupTally>> byTeam, CancellationToken ct)
        {
            return Task.WhenAll(byTeam.Values.Select(list => Task.Run(() => uploader.UploadAsync(list, ct), ct)));
        }
    }
}
