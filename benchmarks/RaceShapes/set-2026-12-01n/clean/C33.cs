namespace Streaming.LibraryImport;

public sealed record ImportedTrack(string Path, string Title, string Artist, TimeSpan Length);

public readonly record struct TrackImportProgress(string Path, bool Succeeded, string? Error);

/// <summary>
/// Collects progress reports from a library import; the import dialog polls
/// <see cref="Snapshot"/> to update its progress bar and error list.
/// </summary>
public sealed class ImportProgressTracker : IProgress<TrackImportProgress>
{
    private readonly object _gate = new();
    private readonly List<string> _failures = new();
    private int _done;

    public void Report(TrackImportProgress value)
    {
        lock (_gate)
        {
            _done++;
            if (!value.Succeeded)
            {
                _failures.Add($"{Path.GetFileName(value.Path)}: {value.Error}");
            }
        }
    }

    public (int Done, IReadOnlyList<string> Failures) Snapshot()
    {
        lock (_gate)
        {
            return (_done, _failures.ToArray());
        }
    }
}

/// <summary>
/// Imports a folder of audio files into the user's streaming library, reading tags from
/// several files at once.
/// </summary>
public sealed class LibraryImporter
{
    private readonly Func<string, CancellationToken, ValueTask<ImportedTrack>> _readTags;

    public LibraryImporter(Func<string, CancellationToken, ValueTask<ImportedTrack>> readTags) => _readTags = readTags;

    public async Task<IReadOnlyList<ImportedTrack>> ImportAsync(IReadOnlyList<string> files, IProgress<TrackImportProgress> progress, CancellationToken ct)
    {
        var imported = new ImportedTrack?[files.Count];

        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, token) =>
            {
                try
                {
                    imported[i] = await _readTags(files[i], token);
                    progress.Report(new TrackImportProgress(files[i], true, null));
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException)
                {
                    progress.Report(new TrackImportProgress(files[i], false, ex.Message));
                }
            });

        return imported.Where(t => t is not null).Select(t => t!).ToList();
    }
}
