namespace Blind28.Lighthouse.Logbooks;

public sealed record LogEntry(string Station, DateTime At, string Keeper, string Remark, double VisibilityNm);

/// <summary>
/// Command-line tool support: scans a folder of keepers' logbook exports and reports the
/// number of low-visibility watches per station. Each file is parsed on its own task.
/// </summary>
public sealed class LogbookScanner
{
    private readonly double _fogThresholdNm;

    public LogbookScanner(double fogThresholdNm)
    {
        _fogThresholdNm = fogThresholdNm;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountFogWatchesAsync(string folder, CancellationToken ct)
    {
        var files = Directory.EnumerateFiles(folder, "*.log").ToList();
        var perFile = new List<Task<Dictionary<string, int>>>(files.Count);

        foreach (var file in files)
        {
            perFile.Add(Task.Run(() => ScanFileAsync(file), ct));
        }

        var totals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var counts in await Task.WhenAll(perFile))
        {
            foreach (var (station, n) in counts)
            {
                totals[station] = totals.GetValueOrDefault(station) + n;
            }
        }

        return totals;

        async Task<Dictionary<string, int>> ScanFileAsync(string path)
        {
            var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            await foreach (var entry in ReadEntriesAsync(path, ct))
            {
                if (entry.VisibilityNm < _fogThresholdNm)
                {
                    counts[entry.Station] = counts.GetValueOrDefault(entry.Station) + 1;
                }
            }

            return counts;
        }
    }

    private static async IAsyncEnumerable<LogEntry> ReadEntriesAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(path);
        string? line;
        while ((line = await reader.ReadLineAsync(ct)) is not null)
        {
            var parts = line.Split('|');
            if (parts.Length != 5 || !DateTime.TryParse(parts[1], out var at) || !double.TryParse(parts[4], out var vis))
            {
                continue;
            }

            yield return new LogEntry(parts[0].Trim(), at, parts[2].Trim(), parts[3].Trim(), vis);
        }
    }
}
