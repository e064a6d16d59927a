using System.Collections.Immutable;
using System.Text.Json;

namespace Settings.Hosting;

public readonly struct ReloadInfo
{
    public ReloadInfo(DateTime loadedAtUtc, int version, string sourcePath)
    {
        LoadedAtUtc = loadedAtUtc;
        Version = version;
        SourcePath = sourcePath;
    }

    public DateTime LoadedAtUtc { get; }
    public int Version { get; }
    public string SourcePath { get; }
}

/// <summary>
/// Loads appsettings-style JSON and reloads it whenever the file changes on
/// disk. Consumers read <see cref="Current"/> on every request; the admin
/// endpoint shows <see cref="GetLastReload"/>.
/// </summary>
public sealed class JsonSettingsProvider : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly object _reloadLock = new();
    private volatile ImmutableDictionary<string, string> _current = ImmutableDictionary<string, string>.Empty;
    private int _version;
    private ReloadInfo _lastReload;

    public JsonSettingsProvider(string path)
    {
        _path = Path.GetFullPath(path);
        Reload();

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
    }

    public ImmutableDictionary<string, string> Current => _current;

    public ReloadInfo GetLastReload() => _lastReload;

    private void Reload()
    {
        lock (_reloadLock)
        {
            ImmutableDictionary<string, string> parsed;
            try
            {
                using var stream = File.OpenRead(_path);
                var raw = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? new();
                parsed = raw.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
            }
            catch (IOException)
            {
                return;
            }
            catch (JsonException)
            {
                return;
            }

            _current = parsed;
            _version++;
            _lastReload = new ReloadInfo(DateTime.UtcNow, _version, _path);
        }
    }

    public void Dispose() => _watcher.Dispose();
}
