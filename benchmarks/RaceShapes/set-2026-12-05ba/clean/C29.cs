namespace Blind53.WeatherBalloons.Firmware;

public interface IRangeClient
{
    Task<byte[]> GetRangeAsync(Uri uri, long offset, int length, CancellationToken cancellationToken);
}

public sealed record DownloadProgress(long BytesDone, long BytesTotal);

/// <summary>
/// Downloads radiosonde firmware images in fixed-size chunks, several at a time, and can
/// resume from the set of chunks that completed in an earlier attempt.
/// </summary>
public sealed class FirmwareDownloader
{
    private const int ChunkSize = 64 * 1024;

    private readonly IRangeClient _client;

    public FirmwareDownloader(IRangeClient client)
    {
        _client = client;
    }

    public async Task<byte[]> DownloadAsync(
        Uri uri,
        int length,
        bool[] completedChunks,
        byte[]? partialImage,
        IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        int chunkCount = (length + ChunkSize - 1) / ChunkSize;
        if (completedChunks.Length != chunkCount)
        {
            throw new ArgumentException("Chunk map does not match the image length.", nameof(completedChunks));
        }

        var image = partialImage ?? new byte[length];
        long done = completedChunks.Count(c => c) * (long)ChunkSize;
        using var throttle = new SemaphoreSlim(4);

        var downloads = Enumerable.Range(0, chunkCount)
            .Where(i => !completedChunks[i])
            .Select(async index =>
            {
                await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    long offset = (long)index * ChunkSize;
                    int size = (int)Math.Min(ChunkSize, length - offset);
                    var bytes = await _client.GetRangeAsync(uri, offset, size, cancellationToken).ConfigureAwait(false);
                    Buffer.BlockCopy(bytes, 0, image, (int)offset, size);
                    completedChunks[index] = true;
                    long now = Interlocked.Add(ref done, size);
                    progress?.Report(new DownloadProgress(Math.Min(now, length), length));
                }
                finally
                {
                    throttle.Release();
                }
            })
            .ToList();

        await Task.WhenAll(downloads).ConfigureAwait(false);
        return image;
    }
}

public static class FirmwareResume
{
    public static async Task SaveStateAsync(string path, bool[] completedChunks, byte[] image)
    {
        await File.WriteAllBytesAsync(path + ".part", image);
        await File.WriteAllTextAsync(path + ".map", string.Concat(completedChunks.Select(c => c ? '1' : '0')));
    }
}
