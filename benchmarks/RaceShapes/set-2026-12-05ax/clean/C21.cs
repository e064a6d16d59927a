using System.Net.Http.Headers;

namespace Blind50.Trams.TimetableDownload;

public sealed record DownloadProgress(long BytesDone, long BytesTotal, int PartsDone, int PartsTotal);

/// <summary>
/// Downloads the tram network's GTFS timetable bundle in ranged parts so an interrupted
/// download can resume. Each part is written to its own file; parts already present with the
/// right length are skipped. Used by the depot sync tool.
/// </summary>
public sealed class TimetableBundleDownloader
{
    private readonly HttpClient _http;
    private readonly int _partSize;

    public TimetableBundleDownloader(HttpClient http, int partSize = 4 * 1024 * 1024)
    {
        _http = http;
        _partSize = partSize;
    }

    public async Task<string> DownloadAsync(Uri source, long totalLength, string targetPath,
        IProgress<DownloadProgress> progress, CancellationToken cancellationToken)
    {
        var partCount = (int)((totalLength + _partSize - 1) / _partSize);
        var partPaths = new string[partCount];
        long bytesDone = 0;
        var partsDone = 0;

        await Parallel.ForEachAsync(
            Enumerable.Range(0, partCount),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var from = (long)index * _partSize;
                var to = Math.Min(from + _partSize, totalLength) - 1;
                var partPath = $"{targetPath}.part{index:D4}";
                var expected = to - from + 1;

                if (!File.Exists(partPath) || new FileInfo(partPath).Length != expected)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, source);
                    request.Headers.Range = new RangeHeaderValue(from, to);
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    response.EnsureSuccessStatusCode();
                    await using var file = File.Create(partPath);
                    await response.Content.CopyToAsync(file, ct);
                }

                partPaths[index] = partPath;
                var done = Interlocked.Add(ref bytesDone, expected);
                var parts = Interlocked.Increment(ref partsDone);
                progress.Report(new DownloadProgress(done, totalLength, parts, partCount));
            });

        await using (var output = File.Create(targetPath))
        {
            foreach (var partPath in partPaths)
            {
                await using var part = File.OpenRead(partPath);
                await part.CopyToAsync(output, cancellationToken);
            }
        }

        foreach (var partPath in partPaths)
        {
            File.Delete(partPath);
        }

        return targetPath;
    }
}

/// <summary>Console front end for the depot sync tool.</summary>
public static class DepotSyncCommand
{
    public static async Task<int> RunAsync(Uri bundle, long length, string target)
    {
        using var http = new HttpClient();
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };

        var lastPercent = -1;
        var progress = new Progress<DownloadProgress>(p =>
        {
            var percent = (int)(p.BytesDone * 100 / p.BytesTotal);
            if (percent != Interlocked.Exchange(ref lastPercent, percent))
            {
                Console.WriteLine($"{percent}% ({p.PartsDone}/{p.PartsTotal} parts)");
            }
        });

        try
        {
            await new TimetableBundleDownloader(http).DownloadAsync(bundle, length, target, progress, cts.Token);
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Interrupted; run again to resume.");
            return 1;
        }
    }
}
