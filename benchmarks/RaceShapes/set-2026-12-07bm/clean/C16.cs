using System.Buffers;
using System.IO;

namespace Blind65.MothSurveys.Specimens;

public interface ISpecimenArchive
{
    Task StoreAsync(string key, ReadOnlyMemory<byte> image, uint checksum, CancellationToken token);
}

/// <summary>
/// Makes gallery thumbnails of specimen photos and archives the originals.
/// Called concurrently by the survey upload endpoint.
/// </summary>
public sealed class SpecimenPhotoPipeline
{
    private readonly ISpecimenArchive _archive;
    private readonly int _stride;

    public SpecimenPhotoPipeline(ISpecimenArchive archive, int stride = 8)
    {
        _archive = archive;
        _stride = stride;
    }

    public async Task<byte[]> ProcessAsync(string key, Stream photo, int length, CancellationToken token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await photo.ReadExactlyAsync(buffer.AsMemory(0, length), token).ConfigureAwait(false);

            var archiveTask = ArchiveAsync(key, buffer.AsMemory(0, length), token);
            byte[] thumbnail;
            try
            {
                thumbnail = Downsample(buffer.AsSpan(0, length));
            }
            finally
            {
                await archiveTask.ConfigureAwait(false);
            }
            return thumbnail;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ArchiveAsync(string key, ReadOnlyMemory<byte> image, CancellationToken token)
    {
        await Task.Yield();
        var checksum = Checksum(image.Span);
        await _archive.StoreAsync($"originals/{key}", image, checksum, token).ConfigureAwait(false);
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        var hash = 2166136261u;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }

    private byte[] Downsample(ReadOnlySpan<byte> raw)
    {
        var thumb = new byte[(raw.Length + _stride - 1) / _stride];
        for (int i = 0, j = 0; i < raw.Length; i += _stride, j++)
        {
            thumb[j] = raw[i];
        }
        return thumb;
    }
}
