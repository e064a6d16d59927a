namespace Blind31.CanalBargeHire.Charts;

public sealed record ChartTile(string Name, Uri Source, long Size);

/// <summary>
/// Downloads the navigation chart tiles a hirer needs for their cruise and reports
/// overall progress to the booking app.
/// </summary>
public sealed class ChartPackDownloader
{
    private readonly Func<ChartTile, CancellationToken, Task<byte[]>> _download;
    private readonly string _targetFolder;

    public ChartPackDownloader(Func<ChartTile, CancellationToken, Task<byte[]>> download, string targetFolder)
    {
        _download = download;
        _targetFolder = targetFolder;
    }

    public async Task<long> DownloadAsync(IReadOnlyList<ChartTile> tiles, IProgress<double>? progress, CancellationToken ct)
    {
        long total = tiles.Sum(t => t.Size);
        long received = 0;
        int failed = 0;

        var options = new ParallelOptions { MaxDegreeOfParallelism = 3, CancellationToken = ct };
        await Parallel.ForEachAsync(tiles, options, async (tile, token) =>
        {
            try
            {
                byte[] data = await _download(tile, token).ConfigureAwait(false);
                string path = Path.Combine(_targetFolder, tile.Name);
                await File.WriteAllBytesAsync(path, data, token).ConfigureAwait(false);

                long soFar = Interlocked.Add(ref received, data.Length);
                progress?.Report(total == 0 ? 1.0 : (double)soFar / total);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failed);
            }
        }).ConfigureAwait(false);

        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} chart tiles could not be downloaded.");
        }

        return received;
    }
}

/// <summary>Console progress bar used by the marina's kiosk.</summary>
public sealed class KioskProgressBar : IProgress<double>
{
    private readonly object _consoleLock = new();
    private int _lastDrawn = -1;

    public void Report(double value)
    {
        int percent = (int)Math.Clamp(value * 100, 0, 100);
        lock (_consoleLock)
        {
            if (percent <= _lastDrawn)
            {
                return;
            }

            _lastDrawn = percent;
            Console.Write($"\rCharts [{new string('#', percent / 5),-20}] {percent}%");
        }
    }
}
