using System.Text.Json;

namespace Blind8.Configuration.Reloading;

/// <summary>
/// Flattens a JSON settings file into "Section:Key" pairs and reloads it when
/// the file changes on disk, so operators can tweak feature switches without
/// restarting the service. Request handlers read values through the indexer.
/// </summary>
public sealed class JsonSettingsProvider : IDisposable
{
    private readonly string _path;
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly FileSystemWatcher _watcher;

    public JsonSettingsProvider(string path)
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

    public bool GetFlag(string key, bool defaultValue = false) =>
        bool.TryParse(this[key], out var flag) ? flag : defaultValue;

    private void OnFileChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            Load();
            Console.WriteLine($"Reloaded settings from {_path}");
        }
        catch (IOException)
        {
            // The editor may still be holding the file; the next Changed event will retry.
        }
        catch (JsonException ex)
        {
            Console.Error.WriteLine($"Ignoring invalid settings file {_path}: {ex.Message}");
        }
    }

    private void Load()
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var document = JsonDocument.Parse(stream);

        var pairs = new List<KeyValuePair<string, string>>();
        Flatten(document.RootElement, prefix: null, pairs);

        _values.Clear();
        foreach (var pair in pairs)
        {
            _values[pair.Key] = pair.Value;
        }
    }

    private static void Flatten(JsonElement element, string? prefix, List<KeyValuePair<string, string>> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix is null ? property.Name : prefix + ":" + property.Name, output);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, prefix + ":" + index++, output);
                }
                break;
            default:
                if (prefix is not null)
                {
                    output.Add(new(prefix, element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText()));
                }
                break;
        }
    }

    public void Dispose() => _watcher.Dispose();
}
