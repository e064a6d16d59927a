namespace Platform.Configuration;

/// <summary>
/// Simple key=value settings provider that reloads when the backing file changes.
/// The application reads settings from request handlers on any thread.
/// </summary>
public sealed class ReloadingSettingsProvider : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public ReloadingSettingsProvider(string path)
    {
        _path = Path.GetFullPath(path);
        Reload();

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size
        };
        _watcher.Changed += OnFileChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public event Action? Reloaded;

    public string? GetValue(string key) =>
        _values.TryGetValue(key, out var value) ? value : null;

    public int GetInt(string key, int fallback) =>
        int.TryParse(GetValue(key), out var parsed) ? parsed : fallback;

    public bool GetBool(string key, bool fallback) =>
        bool.TryParse(GetValue(key), out var parsed) ? parsed : fallback;

    private void OnFileChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            Reload();
            Reloaded?.Invoke();
        }
        catch (IOException ex)
        {
            // the editor may still hold the file; the next change event will retry
            Console.Error.WriteLine($"Could not reload '{_path}': {ex.Message}");
        }
    }

    private void Reload()
    {
        foreach (var (key, value) in Parse(File.ReadAllLines(_path)))
            _values[key] = value;
    }

    private static IEnumerable<(string Key, string Value)> Parse(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;

            int eq = line.IndexOf('=');
            if (eq <= 0)
                continue;

            yield return (line[..eq].Trim(), line[(eq + 1)..].Trim());
        }
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }
}
