namespace Blind56.MobileLibrary.Audiobooks;

public sealed record DownloadRequest(Uri Source, string TargetPath, long TotalLength, long AlreadyDownloaded);

/// <summary>
/// Downloads audiobooks onto the mobile library van's lending tablets, resuming
/// from where a previous attempt stopped and splitting the rest into ranges.
/// </summary>
public sealed class AudiobookDownloader
{
    private const int SegmentCount = 4;
    private readonly HttpClient _http;
    private long _bytesReceived;

    public AudiobookDownloader(HttpClient http)
    {
        _http = http;
    }

    public async Task DownloadAsync(DownloadRequest request, IProgress<double> progress, CancellationToken ct)
    {
        _bytesReceived = request.AlreadyDownloaded;
        long remaining = request.TotalLength - request.AlreadyDownloaded;
        if (remaining <= 0)
        {
            progress.Report(1.0);
            return;
        }

        using (var file = new FileStream(request.TargetPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Write))
        {
            file.SetLength(request.TotalLength);
        }

        long segmentSize = (remaining + SegmentCount - 1) / SegmentCount;
        var segments = new List<Task>();
        for (long start = request.AlreadyDownloaded; start < request.TotalLength; start += segmentSize)
        {
            long end = Math.Min(start + segmentSize, request.TotalLength) - 1;
            segments.Add(DownloadRangeAsync(request, start, end, progress, ct));
        }

        await Task.WhenAll(segments).ConfigureAwait(false);
        progress.Report(1.0);
    }

    private async Task DownloadRangeAsync(DownloadRequest request, long from, long to, IProgress<double> progress, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, request.Source);
        message.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(from, to);

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();

        await using var source = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var target = new FileStream(request.TargetPath, FileMode.Open, FileAccess.Write, FileShare.Write, 81920, useAsync: true);
        target.Position = from;

        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            _bytesReceived += read;
            progress.Report((double)_bytesReceived / request.TotalLength);
        }
    }
}
