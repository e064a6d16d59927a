using System.Text.Json;

namespace FeatureFlags.Configuration;

public sealed record FlagSnapshot(
    IReadOnlyDictionary<string, bool> Flags,
    int Version,
    DateTime LoadedAtUtc,
    string SourcePath);

/// <summary>
/// Reads feature flags from a JSON file and swaps in a new snapshot whenever
/// the file is saved. Request handlers call <see cref="IsEnabled"/>; the
/// diagnostics page displays <see cref="Snapshot"/>.
/// </summary>
public sealed class FileFlagSource : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly object _reloadGate = new();
    private volatile FlagSnapshot _snapshot;

    public FileFlagSource(string path)
    {
        _path = Path.GetFullPath(path);
        _snapshot = new FlagSnapshot(new Dictionary<string, bool>(), 0, DateTime.MinValue, _path);
        TryReload();

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName,
        };
        _watcher.Changed += OnFileChanged;
        _watcher.Created += OnFileChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public FlagSnapshot Snapshot => _snapshot;

    public bool IsEnabled(string flag) =>
        _snapshot.Flags.TryGetValue(flag, out var enabled) && enabled;

    private void OnFileChanged(object sender, FileSystemEventArgs e) => TryReload();

    private void TryReload()
    {
        lock (_reloadGate)
        {
            Dictionary<string, bool>? flags;
            try
            {
                var json = File.ReadAllText(_path);
                flags = JsonSerializer.Deserialize<Dictionary<string, bool>>(json);
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Keeping flag version {_snapshot.Version}: {ex.Message}");
                return;
            }

            if (flags is null)
            {
                return;
            }

            var previous = _snapshot;
            _snapshot = new FlagSnapshot(
                new Dictionary<string, bool>(flags, StringComparer.OrdinalIgnoreCase),
                previous.Version + 1,
                DateTime.UtcNow,
                _path);
        }
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }
}
