namespace Blind32.HurdyGurdy.Config;

/// <summary>
/// Reads string-tuning presets (<c>preset=G3,D4,G4</c>) for the hurdy-gurdy
/// workshop's tuning bench and reloads them when the file changes. Registered
/// as a singleton; the bench UI and the tuning API call <see cref="TryGetPreset"/>.
/// </summary>
public sealed class TuningPresetProvider : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly object _reloadGate = new();
    private IReadOnlyDictionary<string, string[]> _presets;

    public event EventHandler? Reloaded;

    public TuningPresetProvider(string path)
    {
        _path = Path.GetFullPath(path);
        _presets = Read(_path);

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path));
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public bool TryGetPreset(string name, out IReadOnlyList<string> notes)
    {
        var presets = Volatile.Read(ref _presets);
        if (presets.TryGetValue(name, out var found))
        {
            notes = found;
            return true;
        }
        notes = Array.Empty<string>();
        return false;
    }

    public int PresetCount => Volatile.Read(ref _presets).Count;

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        lock (_reloadGate)
        {
            var fresh = Read(_path);
            Volatile.Write(ref _presets, fresh);
        }
        Volatile.Read(ref Reloaded)?.Invoke(this, EventArgs.Empty);
    }

    private static IReadOnlyDictionary<string, string[]> Read(string path)
    {
        var result = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
            return result;

        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
                continue;
            result[parts[0]] = parts[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }
        return result;
    }

    public void Dispose()
    {
        _watcher.Changed -= OnChanged;
        _watcher.Created -= OnChanged;
        _watcher.Dispose();
    }
}

/// <summary>Applies a preset to the chanter and drone strings on the bench.</summary>
public sealed class TuningBench
{
    private readonly TuningPresetProvider _provider;

    public TuningBench(TuningPresetProvider provider) => _provider = provider;

    public string Describe(string preset) =>
        _provider.TryGetPreset(preset, out var notes)
            ? $"{preset}: {string.Join(" / ", notes)}"
            : $"{preset}: unknown preset";
}
