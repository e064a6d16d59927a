namespace Blind38.ClockRestoration.Workshop;

/// <summary>
/// Saves the repair journal for a clock a short while after the last edit. Edits arrive
/// from the bench tablet's sync endpoint and from the file watcher on the shared drive,
/// so <see cref="NotifyEdited"/> is called from several threads.
/// </summary>
public sealed class JournalAutosave : IDisposable
{
    private readonly TimeSpan _quietPeriod;
    private readonly Func<CancellationToken, Task> _save;
    private CancellationTokenSource? _pending;
    private int _saveCount;

    public JournalAutosave(TimeSpan quietPeriod, Func<CancellationToken, Task> save)
    {
        _quietPeriod = quietPeriod;
        _save = save;
    }

    public int SaveCount => Volatile.Read(ref _saveCount);

    public void NotifyEdited()
    {
        var previous = _pending;
        previous?.Cancel();

        var cts = new CancellationTokenSource();
        _pending = cts;
        _ = SaveAfterQuietPeriodAsync(cts.Token);
    }

    private async Task SaveAfterQuietPeriodAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(_quietPeriod, token).ConfigureAwait(false);
            await _save(token).ConfigureAwait(false);
            Interlocked.Increment(ref _saveCount);
        }
        catch (OperationCanceledException)
        {
            // A newer edit superseded this one.
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _pending, null)?.Cancel();
    }
}

/// <summary>Watches the shared journal folder and forwards changes to the autosave.</summary>
public sealed class JournalFolderWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly JournalAutosave _autosave;

    public JournalFolderWatcher(string folder, JournalAutosave autosave)
    {
        _autosave = autosave;
        _watcher = new FileSystemWatcher(folder, "*.journal")
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName,
        };
        _watcher.Changed += (_, _) => _autosave.NotifyEdited();
        _watcher.Created += (_, _) => _autosave.NotifyEdited();
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _watcher.Dispose();
    }
}
