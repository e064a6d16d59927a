using System.Buffers;
using System.IO;

namespace Blind65.MothSurveys.Photos;

public interface IArchiveUploader
{
    Task UploadAsync(string name, ReadOnlyMemory<byte> content, uint checksum, CancellationToken token);
}

/// <summary>
/// Downsamples moth trap photos into thumbnails for the survey gallery and
/// sends the original to the cold archive. Called by the upload API for each
/// photo a recorder submits from the field app.
/// </summary>
public sealed class TrapPhotoProcessor
{
    private readonly IArchiveUploader _archive;
    private readonly int _thumbnailStride;

    public TrapPhotoProcessor(IArchiveUploader archive, int thumbnailStride = 8)
    {
        _archive = archive;
        _thumbnailStride = thumbnailStride;
    }

    public async Task<byte[]> ProcessAsync(string name, Stream photo, int length, CancellationToken token)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = 0;
            while (read < length)
            {
                var n = await photo.ReadAsync(buffer.AsMemory(read, length - read), token).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new EndOfStreamException($"Photo {name} ended after {read} of {length} bytes.");
                }
                read += n;
            }

            // Archiving is slow and the recorder is waiting for the thumbnail, so
            // the archive upload carries on in the background.
            _ = ArchiveInBackgroundAsync(name, buffer.AsMemory(0, length));

            return Downsample(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ArchiveInBackgroundAsync(string name, ReadOnlyMemory<byte> content)
    {
        try
        {
            await Task.Yield();
            var checksum = Fnv1a(content.Span);
            await _archive.UploadAsync($"originals/{name}", content, checksum, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Archive upload of {name} failed: {ex.Message}");
        }
    }

    private static uint Fnv1a(ReadOnlySpan<byte> data)
    {
        var hash = 2166136261u;
        for (var i = 0; i < data.Length; i++)
        {
            hash = (hash ^ data[i]) * 16777619u;
        }
        return hash;
    }

    private byte[] Downsample(ReadOnlySpan<byte> raw)
    {
        var thumb = new byte[(raw.Length + _thumbnailStride - 1) / _thumbnailStride];
        for (int i = 0, j = 0; i < raw.Length; i += _thumbnailStride, j++)
        {
            thumb[j] = raw[i];
        }
        return thumb;
    }
}

public sealed class SurveyUploadEndpoint
{
    private readonly TrapPhotoProcessor _processor;

    public SurveyUploadEndpoint(TrapPhotoProcessor processor) => _processor = processor;

    public Task<byte[]> PostAsync(string trapId, string fileName, Stream body, int contentLength, CancellationToken token) =>
        _processor.ProcessAsync($"{trapId}/{fileName}", body, contentLength, token);
}
