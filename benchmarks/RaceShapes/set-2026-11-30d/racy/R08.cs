using System.Text.Json;

namespace Blind4.Configuration.Reloading;

/// <summary>
/// Flattens a JSON settings file into "Section:Key" pairs and reloads it whenever the file
/// changes on disk. Application code reads values through the indexer on every request.
/// </summary>
public sealed class JsonSettingsProvider : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly Dictionary<string, string> _settings = new(StringComparer.OrdinalIgnoreCase);

    public JsonSettingsProvider(string path)
    {
        _path = Path.GetFullPath(path);
        Load();

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        _watcher.Changed += OnFileChanged;
        _watcher.Created += OnFileChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public string? this[string key] => _settings.TryGetValue(key, out var value) ? value : null;

    public int GetInt32(string key, int fallback) =>
        int.TryParse(this[key], out var parsed) ? parsed : fallback;

    public TimeSpan GetTimeSpan(string key, TimeSpan fallback) =>
        TimeSpan.TryParse(this[key], out var parsed) ? parsed : fallback;

    private void OnFileChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            Load();
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

    private void Load()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var document = JsonDocument.Parse(stream);
        _settings.Clear();
        Flatten(document.RootElement, prefix: null);
    }

    private void Flatten(JsonElement element, string? prefix)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix is null ? property.Name : $"{prefix}:{property.Name}");
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{prefix}:{index++}");
                }
                break;
            default:
                if (prefix is not null)
                {
                    _settings[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                }
                break;
        }
    }

    public void Dispose() => _watcher.Dispose();
}
