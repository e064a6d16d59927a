namespace Blind38.TideGauges.Import;

public readonly record struct ImportProgress(int FilesDone, int FilesTotal, string LastStation, TimeSpan Elapsed);

/// <summary>
/// Progress sink for the historical tide-record import. Reports arrive from many import
/// workers at once; the CLI's status line polls <see cref="Current"/> on its own timer.
/// </summary>
public sealed class ImportProgressTracker : IProgress<string>
{
    private readonly object _gate = new();
    private readonly int _total;
    private readonly DateTime _startedUtc = DateTime.UtcNow;
    private int _done;
    private string _lastStation = "";

    public ImportProgressTracker(int total)
    {
        _total = total;
    }

    public void Report(string station)
    {
        lock (_gate)
        {
            _done++;
            _lastStation = station;
        }
    }

    public ImportProgress Current
    {
        get
        {
            lock (_gate)
            {
                return new ImportProgress(_done, _total, _lastStation, DateTime.UtcNow - _startedUtc);
            }
        }
    }
}

/// <summary>Imports every station's CSV of hourly levels into the archive.</summary>
public sealed class TideRecordImporter
{
    private readonly Func<string, IReadOnlyList<(DateTime, double)>, CancellationToken, ValueTask> _store;

    public TideRecordImporter(Func<string, IReadOnlyList<(DateTime, double)>, CancellationToken, ValueTask> store)
    {
        _store = store;
    }

    public async Task<int> ImportAsync(IReadOnlyList<string> csvFiles, IProgress<string> progress, CancellationToken ct)
    {
        var rows = 0;
        await Parallel.ForEachAsync(csvFiles, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (file, token) =>
        {
            var station = Path.GetFileNameWithoutExtension(file);
            var readings = new List<(DateTime, double)>();
            foreach (var line in await File.ReadAllLinesAsync(file, token))
            {
                var cols = line.Split(',');
                if (cols.Length >= 2 && DateTime.TryParse(cols[0], out var at) && double.TryParse(cols[1], out var level))
                {
                    readings.Add((at, level));
                }
            }

            await _store(station, readings, token);
            Interlocked.Add(ref rows, readings.Count);
            progress.Report(station);
        });

        return Volatile.Read(ref rows);
    }
}

/// <summary>Console status line for the import command.</summary>
public static class ImportStatusLine
{
    public static async Task ShowUntilAsync(ImportProgressTracker tracker, Task import)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (!import.IsCompleted && await timer.WaitForNextTickAsync())
        {
            var p = tracker.Current;
            Console.Write($"\r{p.FilesDone}/{p.FilesTotal} stations, last {p.LastStation}, {p.Elapsed:mm\\:ss}   ");
        }

        Console.WriteLine();
    }
}
