namespace Blind31.TelescopeMirrorGrinding.Downloads;

public sealed record MapChunk(int Index, long Offset, int Length);

/// <summary>
/// Downloads an interferometer surface map in chunks from the measuring lab and reports
/// progress to the grinding console.
/// </summary>
public sealed class SurfaceMapDownloader
{
    private readonly Func<MapChunk, CancellationToken, Task<byte[]>> _fetchChunk;
    private long _bytesReceived;
    private long _totalBytes;

    public SurfaceMapDownloader(Func<MapChunk, CancellationToken, Task<byte[]>> fetchChunk)
    {
        _fetchChunk = fetchChunk;
    }

    public event EventHandler<double>? ProgressChanged;

    public async Task<byte[]> DownloadAsync(IReadOnlyList<MapChunk> chunks, CancellationToken ct)
    {
        _totalBytes = chunks.Sum(c => (long)c.Length);
        _bytesReceived = 0;
        var map = new byte[_totalBytes];

        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = 4,
            CancellationToken = ct,
        };

        await Parallel.ForEachAsync(chunks, options, async (chunk, token) =>
        {
            byte[] data = await _fetchChunk(chunk, token).ConfigureAwait(false);
            Buffer.BlockCopy(data, 0, map, (int)chunk.Offset, data.Length);

            _bytesReceived += data.Length;
            ReportProgress();
        }).ConfigureAwait(false);

        return map;
    }

    private void ReportProgress()
    {
        long received = Interlocked.Read(ref _bytesReceived);
        double fraction = _totalBytes == 0 ? 1.0 : (double)received / _totalBytes;
        ProgressChanged?.Invoke(this, fraction);
    }
}

/// <summary>Console front end that prints download progress for the optician.</summary>
public static class DownloadConsole
{
    public static async Task RunAsync(SurfaceMapDownloader downloader, IReadOnlyList<MapChunk> chunks)
    {
        int lastPercent = -1;
        object printLock = new();
        downloader.ProgressChanged += (_, fraction) =>
        {
            int percent = (int)(fraction * 100);
            lock (printLock)
            {
                if (percent > lastPercent)
                {
                    lastPercent = percent;
                    Console.WriteLine($"Surface map: {percent}%");
                }
            }
        };

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        byte[] map = await downloader.DownloadAsync(chunks, cts.Token);
        Console.WriteLine($"Downloaded {map.Length} bytes");
    }
}
