namespace Harbor.Settings;

/// <summary>
/// Loads <c>key = value</c> settings from disk and reloads them when the file
/// is edited.
/// </summary>
public sealed class ReloadingSettings : IDisposable
{
    private readonly string _path;
    private readonly object _reloadLock = new();
    private readonly FileSystemWatcher _watcher;
    private IReadOnlyDictionary<string, string> _current;

    public ReloadingSettings(string path)
    {
        _path = Path.GetFullPath(path);
        _current = Parse(File.ReadAllLines(_path));

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public string? this[string key] =>
        Volatile.Read(ref _current).TryGetValue(key, out var value) ? value : null;

    public IReadOnlyDictionary<string, string> Snapshot => Volatile.Read(ref _current);

    public TimeSpan GetTimeSpan(string key, TimeSpan fallback) =>
        TimeSpan.TryParse(this[key], out var parsed) ? parsed : fallback;

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        lock (_reloadLock)
        {
            try
            {
                var fresh = Parse(File.ReadAllLines(_path));
                Volatile.Write(ref _current, fresh);
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"Settings reload skipped: {ex.Message}");
            }
        }
    }

    private static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> lines)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var separator = line.IndexOf('=');
            if (separator > 0)
            {
                result[line[..separator].Trim()] = line[(separator + 1)..].Trim();
            }
        }

        return result;
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Changed -= OnChanged;
        _watcher.Dispose();
    }
}
