using System.Collections.Immutable;
using System.Text.Json;

namespace Contoso.Configuration.FeatureFlags
{
    /// <summary>
    /// Feature flags read from flags.json, reloaded whenever the file changes.
    /// Queried by request handlers.
    /// </summary>
    public sealed class FeatureFlagFile : IDisposable
    {
        private readonly string _path;
        private readonly FileSystemWatcher _watcher;
        private ImmutableDictionary<string, bool> _flags;

        public FeatureFlagFile(string path)
        {
            _path = Path.GetFullPath(path);
            _flags = Parse(_path);

            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
            };
            _watcher.Changed += OnChanged;
            _watcher.Created += OnChanged;
            _watcher.EnableRaisingEvents = true;
        }

        public bool IsEnabled(string flag)
        {
            var snapshot = Volatile.Read(ref _flags);
            return snapshot.TryGetValue(flag, out var enabled) && enabled;
        }

        public IReadOnlyDictionary<string, bool> Current => Volatile.Read(ref _flags);

        private void OnChanged(object sender, FileSystemEventArgs e)
        {
            try
            {
                Thread.Sleep(100);
                var fresh = Parse(_path);
                Interlocked.Exchange(ref _flags, fresh);
            }
            catch (IOException)
            {
            }
            catch (JsonException)
            {
            }
        }

        private static ImmutableDictionary<string, bool> Parse(string path)
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);

            var builder = ImmutableDictionary.CreateBuilder<string, bool>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                builder[property.Name] = property.Value.ValueKind == JsonValueKind.True
                    || (property.Value.ValueKind == JsonValueKind.String
                        && bool.TryParse(property.Value.GetString(), out var b) && b);
            }
            return builder.ToImmutable();
        }

        public void Dispose()
        {
            _watcher.EnableRaisingEvents = false;
            _watcher.Dispose();
        }
    }
}
