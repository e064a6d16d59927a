namespace Harbor.Configuration;

/// <summary>
/// Reads <c>key = value</c> settings from a text file and picks up edits to
/// the file without restarting the process. One instance is shared by the
/// whole application.
/// </summary>
public sealed class FileSettingsProvider : IDisposable
{
    private readonly string _path;
    private readonly Dictionary<string, string> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly FileSystemWatcher _watcher;

    public FileSettingsProvider(string path)
    {
        _path = Path.GetFullPath(path);
        Load();

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnFileChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public string? Get(string key) =>
        _settings.TryGetValue(key, out var value) ? value : null;

    public int GetInt32(string key, int fallback) =>
        int.TryParse(Get(key), out var parsed) ? parsed : fallback;

    public bool GetBoolean(string key, bool fallback) =>
        bool.TryParse(Get(key), out var parsed) ? parsed : fallback;

    private void OnFileChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            Load();
            Console.WriteLine($"Reloaded settings from {_path}");
        }
        catch (IOException)
        {
            // The editor is probably still writing the file; the next Changed event will pick it up.
        }
    }

    private void Load()
    {
        foreach (var rawLine in File.ReadAllLines(_path))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var separator = line.IndexOf('=');
            if (separator <= 0)
            {
                continue;
            }

            _settings[line[..separator].Trim()] = line[(separator + 1)..].Trim();
        }
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Changed -= OnFileChanged;
        _watcher.Dispose();
    }
}

public sealed class FeatureFlags
{
    private readonly FileSettingsProvider _settings;

    public FeatureFlags(FileSettingsProvider settings) => _settings = settings;

    public bool IsEnabled(string feature) => _settings.GetBoolean("feature." + feature, fallback: false);

    public int MaxUploadMegabytes => _settings.GetInt32("upload.maxMegabytes", 25);
}
