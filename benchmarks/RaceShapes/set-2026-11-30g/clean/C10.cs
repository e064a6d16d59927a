using System.Collections.Frozen;

namespace Platform.Configuration.Files;

/// <summary>
/// key=value settings file that is re-read whenever it changes on disk. Values are
/// read by request handlers on arbitrary threads.
/// </summary>
public sealed class WatchedSettingsFile : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private FrozenDictionary<string, string> _current;

    public WatchedSettingsFile(string path)
    {
        _path = Path.GetFullPath(path);
        _current = Load(_path);

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName
        };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public IReadOnlyDictionary<string, string> Snapshot => Volatile.Read(ref _current);

    public string? this[string key] =>
        Volatile.Read(ref _current).TryGetValue(key, out var value) ? value : null;

    public TimeSpan GetTimeSpan(string key, TimeSpan fallback) =>
        TimeSpan.TryParse(this[key], out var parsed) ? parsed : fallback;

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            var fresh = Load(_path);
            Interlocked.Exchange(ref _current, fresh);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Settings reload skipped: {ex.Message}");
        }
    }

    private static FrozenDictionary<string, string> Load(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';')
                continue;

            int eq = line.IndexOf('=');
            if (eq > 0)
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }

        return values.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }
}
