namespace Gateway.Configuration.FeatureFlags;

/// <summary>
/// Feature flags loaded from a <c>name=true|false</c> file and reloaded whenever the file
/// changes. Every request evaluates flags, so lookups must be cheap.
/// </summary>
public sealed class FeatureFlagFile : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private IReadOnlyDictionary<string, bool> _flags;
    private int _reloadCount;

    public FeatureFlagFile(string path)
    {
        _path = Path.GetFullPath(path);
        _flags = Parse(_path);

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public int ReloadCount => Volatile.Read(ref _reloadCount);

    public bool IsEnabled(string flag)
    {
        var flags = Volatile.Read(ref _flags);
        return flags.TryGetValue(flag, out var enabled) && enabled;
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        IReadOnlyDictionary<string, bool> fresh;
        try
        {
            fresh = Parse(_path);
        }
        catch (IOException)
        {
            return;
        }

        Interlocked.Exchange(ref _flags, fresh);
        Interlocked.Increment(ref _reloadCount);
    }

    private static IReadOnlyDictionary<string, bool> Parse(string path)
    {
        var result = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var rawLine in File.ReadLines(path))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && bool.TryParse(parts[1], out var value))
            {
                result[parts[0]] = value;
            }
        }

        return result;
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }
}
