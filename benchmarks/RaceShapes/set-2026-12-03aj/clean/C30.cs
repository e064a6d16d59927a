namespace Blind36.TidalMill.Survey;

public sealed record SluiceReading(string Gate, DateTime At, double HeadMetres, double FlowCumecs);

public sealed record SurveyProgress(int FilesDone, int FilesTotal, long Readings, string? LastFile);

/// <summary>
/// Aggregates progress reports from the parallel import of the mill's water-level
/// logger files. Reports can arrive from several threads at once.
/// </summary>
public sealed class ImportProgressSink : IProgress<(string File, int Readings)>
{
    private readonly object _sync = new();
    private readonly int _total;
    private SurveyProgress _current;

    public ImportProgressSink(int totalFiles)
    {
        _total = totalFiles;
        _current = new SurveyProgress(0, totalFiles, 0, null);
    }

    public event Action<SurveyProgress>? Changed;

    public SurveyProgress Current
    {
        get { lock (_sync) return _current; }
    }

    public void Report((string File, int Readings) value)
    {
        SurveyProgress updated;
        lock (_sync)
        {
            updated = new SurveyProgress(_current.FilesDone + 1, _total, _current.Readings + value.Readings, value.File);
            _current = updated;
        }
        Changed?.Invoke(updated);
    }
}

public interface ILoggerFileReader
{
    Task<IReadOnlyList<SluiceReading>> ReadAsync(string path, CancellationToken ct);
}

/// <summary>Imports a season's logger files for the restoration's hydrology report.</summary>
public sealed class LoggerImport
{
    private readonly ILoggerFileReader _reader;

    public LoggerImport(ILoggerFileReader reader) => _reader = reader;

    public async Task<IReadOnlyList<SluiceReading>> ImportAsync(
        IReadOnlyList<string> files, IProgress<(string File, int Readings)> progress, CancellationToken ct)
    {
        var perFile = new IReadOnlyList<SluiceReading>[files.Count];

        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), ct, async (i, token) =>
        {
            var readings = await _reader.ReadAsync(files[i], token).ConfigureAwait(false);
            perFile[i] = readings;
            progress.Report((Path.GetFileName(files[i]), readings.Count));
        }).ConfigureAwait(false);

        return perFile.SelectMany(r => r).OrderBy(r => r.At).ToList();
    }
}
