namespace Blind46.IceRink.Programmes;

/// <summary>
/// Watches the folder of skating-programme music cue files and reloads changed files
/// in batches. FileSystemWatcher raises its events on thread-pool threads, often
/// several for one save, so changes are collected and processed after a quiet period.
/// </summary>
public sealed class ProgrammeFolderWatcher : IDisposable
{
    private readonly object _lock = new();
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _debounce;
    private readonly TimeSpan _quietPeriod;
    private readonly Action<IReadOnlyCollection<string>> _reload;
    private HashSet<string> _pending = new(StringComparer.OrdinalIgnoreCase);
    private bool _disposed;

    public ProgrammeFolderWatcher(string folder, TimeSpan quietPeriod, Action<IReadOnlyCollection<string>> reload)
    {
        _quietPeriod = quietPeriod;
        _reload = reload;
        _debounce = new Timer(_ => FlushPending(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(folder, "*.cue")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite,
        };
        _watcher.Changed += OnFileEvent;
        _watcher.Created += OnFileEvent;
        _watcher.Renamed += OnFileEvent;
        _watcher.EnableRaisingEvents = true;
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _pending.Add(e.FullPath);
            _debounce.Change(_quietPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    private void FlushPending()
    {
        HashSet<string> batch;
        lock (_lock)
        {
            if (_disposed || _pending.Count == 0)
                return;
            batch = _pending;
            _pending = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        try
        {
            _reload(batch);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Programme reload failed: {ex.Message}");
            lock (_lock)
            {
                if (!_disposed)
                {
                    _pending.UnionWith(batch);
                    _debounce.Change(_quietPeriod, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
        }

        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
        _debounce.Dispose();
    }
}
