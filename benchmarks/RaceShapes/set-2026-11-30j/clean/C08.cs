namespace Blind10.Configuration.KeyValueReload;

/// <summary>
/// Reads a simple <c>key = value</c> settings file and reloads it when the file changes.
/// Request handlers read settings through <see cref="Get"/> or grab <see cref="Current"/>.
/// </summary>
public sealed class ReloadingSettingsFile : IDisposable
{
    private readonly string _path;
    private readonly object _reloadLock = new();
    private readonly FileSystemWatcher _watcher;
    private IReadOnlyDictionary<string, string> _current;

    public ReloadingSettingsFile(string path)
    {
        _path = Path.GetFullPath(path);
        _current = Parse(File.ReadAllLines(_path));

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public IReadOnlyDictionary<string, string> Current => Volatile.Read(ref _current);

    public string? Get(string key) => Current.TryGetValue(key, out var value) ? value : null;

    public bool GetFlag(string key) => bool.TryParse(Get(key), out var flag) && flag;

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        lock (_reloadLock)
        {
            try
            {
                var lines = File.ReadAllLines(_path);
                Volatile.Write(ref _current, Parse(lines));
            }
            catch (IOException)
            {
                // File is still being written by the editor; a later event picks it up.
            }
        }
    }

    private static IReadOnlyDictionary<string, string> Parse(string[] lines)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int separator = line.IndexOf('=');
            if (separator <= 0)
            {
                continue;
            }

            values[line[..separator].Trim()] = line[(separator + 1)..].Trim();
        }
        return values;
    }

    public void Dispose() => _watcher.Dispose();
}
