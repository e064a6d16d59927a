using System.Net.Http.Headers;

namespace Blind56.SailingClub.Charts;

public sealed record ChartDownload(Uri Source, string TargetPath, long TotalLength, long ResumeFrom);

public readonly record struct DownloadProgress(long BytesDone, long TotalBytes)
{
    public double Fraction => TotalBytes == 0 ? 1 : (double)BytesDone / TotalBytes;
}

/// <summary>
/// Fetches tidal and navigation chart packs for the club's tablets, resuming an
/// interrupted download and fetching the remainder in parallel ranges.
/// </summary>
public sealed class ChartPackDownloader
{
    private const int RangeCount = 3;
    private readonly HttpClient _http;

    public ChartPackDownloader(HttpClient http) => _http = http;

    public async Task<long> DownloadAsync(ChartDownload download, IProgress<DownloadProgress> progress, CancellationToken ct)
    {
        var counter = new ByteCounter(download.ResumeFrom);
        long remaining = download.TotalLength - download.ResumeFrom;
        if (remaining > 0)
        {
            using (var file = new FileStream(download.TargetPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Write))
            {
                file.SetLength(download.TotalLength);
            }

            long size = (remaining + RangeCount - 1) / RangeCount;
            var ranges = new List<Task>();
            for (long start = download.ResumeFrom; start < download.TotalLength; start += size)
            {
                long end = Math.Min(start + size, download.TotalLength) - 1;
                ranges.Add(FetchRangeAsync(download, start, end, counter, progress, ct));
            }

            await Task.WhenAll(ranges).ConfigureAwait(false);
        }

        long total = counter.Read();
        progress.Report(new DownloadProgress(total, download.TotalLength));
        return total;
    }

    private async Task FetchRangeAsync(ChartDownload download, long from, long to, ByteCounter counter,
        IProgress<DownloadProgress> progress, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, download.Source);
        request.Headers.Range = new RangeHeaderValue(from, to);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();

        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var file = new FileStream(download.TargetPath, FileMode.Open, FileAccess.Write, FileShare.Write, 65536, useAsync: true);
        file.Position = from;

        var buffer = new byte[65536];
        int read;
        while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            long done = counter.Add(read);
            progress.Report(new DownloadProgress(done, download.TotalLength));
        }
    }

    private sealed class ByteCounter
    {
        private long _bytes;

        public ByteCounter(long initial) => _bytes = initial;

        public long Add(int count) => Interlocked.Add(ref _bytes, count);

        public long Read() => Interlocked.Read(ref _bytes);
    }
}
