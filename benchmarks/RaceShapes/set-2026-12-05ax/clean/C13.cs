namespace Blind50.Sourdough.StarterLog;

/// <summary>
/// Watches the folders where club members drop their starter logs (one CSV per starter) and
/// re-imports changed files once editing has settled. Editors save a file several times in a
/// row, so change events are collected and processed together after a quiet period.
/// </summary>
public sealed class StarterLogWatcher : IDisposable
{
    private readonly object _gate = new();
    private readonly object _importLock = new();
    private readonly HashSet<string> _changed = new(StringComparer.OrdinalIgnoreCase);
    private readonly FileSystemWatcher[] _watchers;
    private readonly Timer _quietTimer;
    private readonly TimeSpan _quietPeriod;
    private readonly Action<string> _import;
    private bool _disposed;

    public StarterLogWatcher(IEnumerable<string> folders, TimeSpan quietPeriod, Action<string> import)
    {
        _quietPeriod = quietPeriod;
        _import = import;
        _quietTimer = new Timer(_ => ImportSettled(), null, Timeout.Infinite, Timeout.Infinite);
        _watchers = folders.Select(Watch).ToArray();
    }

    private FileSystemWatcher Watch(string folder)
    {
        var watcher = new FileSystemWatcher(folder, "*.csv") { IncludeSubdirectories = true };
        watcher.Changed += (_, e) => OnChanged(e.FullPath);
        watcher.Created += (_, e) => OnChanged(e.FullPath);
        watcher.Renamed += (_, e) => OnChanged(e.FullPath);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void OnChanged(string path)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _changed.Add(path);
            _quietTimer.Change(_quietPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    private void ImportSettled()
    {
        string[] paths;
        lock (_gate)
        {
            paths = _changed.ToArray();
            _changed.Clear();
        }

        if (paths.Length == 0)
        {
            return;
        }

        lock (_importLock)
        {
            foreach (var path in paths)
            {
                try
                {
                    _import(path);
                }
                catch (IOException ex)
                {
                    Console.Error.WriteLine($"Could not import {path}: {ex.Message}");
                    lock (_gate)
                    {
                        _changed.Add(path);
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        using var done = new ManualResetEvent(false);
        if (_quietTimer.Dispose(done))
        {
            done.WaitOne();
        }
    }
}
