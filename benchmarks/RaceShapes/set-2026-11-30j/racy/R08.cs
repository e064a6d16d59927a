using System.Text.Json;

namespace Blind10.Configuration.JsonReload;

/// <summary>
/// Flattens a JSON settings file into "Section:Key" pairs and reloads it whenever the file
/// changes on disk. Application services hold on to a single provider and read from it
/// while handling requests.
/// </summary>
public sealed class JsonFileSettingsProvider : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    public JsonFileSettingsProvider(string path)
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

    public string? this[string key] => _values.TryGetValue(key, out var value) ? value : null;

    public int GetInt32(string key, int defaultValue) =>
        int.TryParse(this[key], out var parsed) ? parsed : defaultValue;

    public TimeSpan GetTimeSpan(string key, TimeSpan defaultValue) =>
        TimeSpan.TryParse(this[key], out var parsed) ? parsed : defaultValue;

    private void OnFileChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            Load();
        }
        catch (IOException)
        {
            // The editor may still have the file open; another Changed event will follow.
        }
        catch (JsonException)
        {
            // Half-written file; keep the previous values until the next save.
        }
    }

    private void Load()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var document = JsonDocument.Parse(stream);
        _values.Clear();
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
                int index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{prefix}:{index++}");
                }
                break;
            case JsonValueKind.Null:
                _values[prefix ?? string.Empty] = null;
                break;
            default:
                _values[prefix ?? string.Empty] = element.ToString();
                break;
        }
    }

    public void Dispose() => _watcher.Dispose();
}
