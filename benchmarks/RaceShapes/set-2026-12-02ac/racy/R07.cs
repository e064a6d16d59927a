namespace Blind29.WeatherBalloons.Telemetry;

/// <summary>Progress of a radiosonde log download, shown in the launch console.</summary>
public sealed class DownloadProgress
{
    public long TotalBytes { get; init; }

    public long BytesReceived { get; private set; }

    public double Fraction => TotalBytes == 0 ? 0 : (double)BytesReceived / TotalBytes;

    internal void Add(int bytes)
    {
        BytesReceived += bytes;
    }
}

public interface ISondeLink
{
    Task<int> ReadSegmentAsync(int flightId, long offset, Memory<byte> buffer, CancellationToken ct);
}

/// <summary>
/// Pulls the full telemetry log of a recovered sonde over the ground station link,
/// several segments at a time.
/// </summary>
public sealed class SondeLogDownloader
{
    private const int SegmentSize = 64 * 1024;
    private readonly ISondeLink _link;

    public SondeLogDownloader(ISondeLink link) => _link = link;

    public async Task<byte[]> DownloadAsync(int flightId, long totalBytes, DownloadProgress progress, CancellationToken ct)
    {
        var buffer = new byte[totalBytes];
        var segments = new List<Task>();
        for (long offset = 0; offset < totalBytes; offset += SegmentSize)
        {
            var length = (int)Math.Min(SegmentSize, totalBytes - offset);
            segments.Add(FetchSegmentAsync(flightId, buffer, offset, length, progress, ct));
        }

        await Task.WhenAll(segments).ConfigureAwait(false);
        return buffer;
    }

    private async Task FetchSegmentAsync(int flightId, byte[] buffer, long offset, int length,
        DownloadProgress progress, CancellationToken ct)
    {
        var read = 0;
        while (read < length)
        {
            var slice = buffer.AsMemory((int)(offset + read), length - read);
            var n = await _link.ReadSegmentAsync(flightId, offset + read, slice, ct).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException($"Link closed at offset {offset + read} for flight {flightId}.");
            }

            read += n;
            progress.Add(n);
        }
    }
}

public sealed class LaunchConsole
{
    public async Task ShowDownloadAsync(SondeLogDownloader downloader, int flightId, long size)
    {
        var progress = new DownloadProgress { TotalBytes = size };
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var download = downloader.DownloadAsync(flightId, size, progress, cts.Token);
        while (!download.IsCompleted)
        {
            Console.Write($"\rFlight {flightId}: {progress.Fraction:P0}");
            await Task.WhenAny(download, Task.Delay(250));
        }

        await download;
        Console.WriteLine($"\rFlight {flightId}: done");
    }
}
