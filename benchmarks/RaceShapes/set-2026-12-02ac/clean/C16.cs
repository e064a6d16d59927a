namespace Blind29.WeatherBalloons.Uploads;

/// <summary>
/// Upload progress for a flight's sounding data, polled by the launch site's
/// status page while the upload is running.
/// </summary>
public sealed class UploadProgress
{
    private long _bytesSent;
    private int _segmentsDone;

    public UploadProgress(long totalBytes, int segments)
    {
        TotalBytes = totalBytes;
        Segments = segments;
    }

    public long TotalBytes { get; }
    public int Segments { get; }

    public long BytesSent => Interlocked.Read(ref _bytesSent);
    public int SegmentsDone => Volatile.Read(ref _segmentsDone);

    internal void AddBytes(int count) => Interlocked.Add(ref _bytesSent, count);
    internal void SegmentCompleted() => Interlocked.Increment(ref _segmentsDone);
}

public interface IArchiveEndpoint
{
    Task<string> PutSegmentAsync(string flightId, int index, ReadOnlyMemory<byte> data, CancellationToken ct);
}

/// <summary>Uploads a sounding file to the national archive in parallel segments.</summary>
public sealed class SoundingUploader
{
    private readonly IArchiveEndpoint _endpoint;
    private readonly int _segmentSize;

    public SoundingUploader(IArchiveEndpoint endpoint, int segmentSize = 256 * 1024)
    {
        _endpoint = endpoint;
        _segmentSize = segmentSize;
    }

    public async Task<IReadOnlyList<string>> UploadAsync(string flightId, byte[] data, UploadProgress progress, CancellationToken ct)
    {
        var count = (data.Length + _segmentSize - 1) / _segmentSize;
        var receipts = new string[count];
        var tasks = new Task[count];

        for (var i = 0; i < count; i++)
        {
            tasks[i] = UploadSegmentAsync(flightId, data, i, receipts, progress, ct);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return receipts;
    }

    private async Task UploadSegmentAsync(string flightId, byte[] data, int index, string[] receipts,
        UploadProgress progress, CancellationToken ct)
    {
        var offset = index * _segmentSize;
        var length = Math.Min(_segmentSize, data.Length - offset);
        var receipt = await _endpoint.PutSegmentAsync(flightId, index, data.AsMemory(offset, length), ct)
            .ConfigureAwait(false);
        receipts[index] = receipt;
        progress.AddBytes(length);
        progress.SegmentCompleted();
    }
}

public static class StatusPage
{
    public static string Render(UploadProgress p) =>
        $"{p.SegmentsDone}/{p.Segments} segments, {p.BytesSent * 100.0 / Math.Max(1, p.TotalBytes):0}%";
}
