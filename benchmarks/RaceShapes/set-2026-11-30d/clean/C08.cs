using System.Text.Json;

namespace Blind4.Clean.Configuration.Reloading;

/// <summary>
/// Flattens a JSON settings file into "Section:Key" pairs and reloads it whenever the file
/// changes on disk. Application code reads values through the indexer on every request.
/// </summary>
public sealed class JsonSettingsProvider : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private IReadOnlyDictionary<string, string> _settings;

    public JsonSettingsProvider(string path)
    {
        _path = Path.GetFullPath(path);
        _settings = Load();

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        _watcher.Changed += OnFileChanged;
        _watcher.Created += OnFileChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public string? this[string key] =>
        Volatile.Read(ref _settings).TryGetValue(key, out var value) ? value : null;

    public int GetInt32(string key, int fallback) =>
        int.TryParse(this[key], out var parsed) ? parsed : fallback;

    public TimeSpan GetTimeSpan(string key, TimeSpan fallback) =>
        TimeSpan.TryParse(this[key], out var parsed) ? parsed : fallback;

    private void OnFileChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            var fresh = Load();
            Interlocked.Exchange(ref _settings, fresh);
        }
        catch (IOException)
        {
            // Editors often hold the file open while saving; the next change event retries.
        }
        catch (JsonException)
        {
            // Half-written file; keep serving what we have until it parses again.
        }
    }

    private IReadOnlyDictionary<string, string> Load()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var document = JsonDocument.Parse(stream);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Flatten(document.RootElement, prefix: null, settings);
        return settings;
    }

    private static void Flatten(JsonElement element, string? prefix, Dictionary<string, string> target)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix is null ? property.Name : $"{prefix}:{property.Name}", target);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{prefix}:{index++}", target);
                }
                break;
            default:
                if (prefix is not null)
                {
                    target[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                }
                break;
        }
    }

    public void Dispose() => _watcher.Dispose();
}
