using System.Text.Json;

namespace Contoso.Configuration
{
    /// <summary>
    /// Flat key/value settings loaded from a JSON file next to the executable.
    /// The file is watched and reloaded when operators edit it, so feature flags
    /// can be flipped without a restart. Registered as a singleton and read by
    /// request handlers.
    /// </summary>
    public sealed class ReloadingJsonSettings : IDisposable
    {
        private readonly string _path;
        private readonly FileSystemWatcher _watcher;
        private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

        public ReloadingJsonSettings(string path)
        {
            _path = Path.GetFullPath(path);
            LoadInto(_values);

            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Changed += OnFileChanged;
            _watcher.EnableRaisingEvents = true;
        }

        public string? this[string key] => _values.TryGetValue(key, out var v) ? v : null;

        public bool IsEnabled(string flag) =>
            _values.TryGetValue(flag, out var v) && bool.TryParse(v, out var enabled) && enabled;

        public int GetInt(string key, int defaultValue) =>
            _values.TryGetValue(key, out var v) && int.TryParse(v, out var n) ? n : defaultValue;

        private void OnFileChanged(object sender, FileSystemEventArgs e)
        {
            try
            {
                // Editors often save in two steps; give the file a moment to settle.
                Thread.Sleep(100);
                LoadInto(_values);
            }
            catch (IOException)
            {
                // File is still locked by the editor; the next Changed event will retry.
            }
            catch (JsonException)
            {
                // Keep serving the previous values until the file is valid again.
            }
        }

        private void LoadInto(Dictionary<string, string> target)
        {
            using var stream = File.OpenRead(_path);
            using var document = JsonDocument.Parse(stream);

            target.Clear();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                target[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : property.Value.GetRawText();
            }
        }

        public void Dispose()
        {
            _watcher.EnableRaisingEvents = false;
            _watcher.Changed -= OnFileChanged;
            _watcher.Dispose();
        }
    }
}
