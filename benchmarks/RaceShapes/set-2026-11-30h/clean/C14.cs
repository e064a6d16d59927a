using System.Text.Json;

namespace Blind8.Configuration.FeatureFlags;

/// <summary>
/// Feature switches loaded from a JSON file and reloaded when the file is
/// edited. Every request reads flags; reloads build a fresh map and swap it in.
/// </summary>
public sealed class FeatureFlagFile : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private IReadOnlyDictionary<string, bool> _flags;

    public FeatureFlagFile(string path)
    {
        _path = Path.GetFullPath(path);
        _flags = ReadFlags(_path);

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        _watcher.Changed += OnFileChanged;
        _watcher.Created += OnFileChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public bool IsEnabled(string flag, bool defaultValue = false)
    {
        var flags = Volatile.Read(ref _flags);
        return flags.TryGetValue(flag, out var enabled) ? enabled : defaultValue;
    }

    public IReadOnlyDictionary<string, bool> Snapshot() => Volatile.Read(ref _flags);

    private void OnFileChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            var reloaded = ReadFlags(_path);
            Volatile.Write(ref _flags, reloaded);
        }
        catch (IOException)
        {
            // Still being written; another change notification will follow.
        }
        catch (JsonException ex)
        {
            Console.Error.WriteLine($"Keeping previous feature flags, {_path} is invalid: {ex.Message}");
        }
    }

    private static IReadOnlyDictionary<string, bool> ReadFlags(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var document = JsonDocument.Parse(stream);

        var flags = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            flags[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => bool.TryParse(property.Value.GetString(), out var parsed) && parsed,
                _ => false,
            };
        }

        return flags;
    }

    public void Dispose() => _watcher.Dispose();
}
