using System.Collections.Immutable;
using System.Text.Json;

namespace Blind.C09;

public sealed record RoutingSettings(
    ImmutableDictionary<string, Uri> Backends,
    TimeSpan RequestTimeout,
    int MaxRetries,
    long Version);

/// <summary>
/// Holds the current routing settings of the gateway. Request threads read
/// <see cref="Current"/> on every request; the file watcher reloads on change.
/// </summary>
public sealed class RoutingSettingsProvider : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly object _reloadLock = new();
    private RoutingSettings _current;
    private long _version;

    public RoutingSettingsProvider(string path)
    {
        _path = Path.GetFullPath(path);
        _current = Load();
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path));
        _watcher.Changed += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
    }

    public RoutingSettings Current => Volatile.Read(ref _current);

    public event Action<RoutingSettings>? Reloaded;

    public Uri? ResolveBackend(string name) =>
        Current.Backends.TryGetValue(name, out var uri) ? uri : null;

    private void Reload()
    {
        RoutingSettings next;
        lock (_reloadLock)
        {
            try
            {
                next = Load();
            }
            catch (Exception ex) when (ex is IOException or JsonException)
            {
                // Keep serving the previous settings; the editor may still be writing the file.
                return;
            }

            Interlocked.Exchange(ref _current, next);
        }

        Reloaded?.Invoke(next);
    }

    private RoutingSettings Load()
    {
        using var stream = File.OpenRead(_path);
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;

        var backends = ImmutableDictionary.CreateBuilder<string, Uri>(StringComparer.OrdinalIgnoreCase);
        foreach (var backend in root.GetProperty("backends").EnumerateObject())
        {
            backends[backend.Name] = new Uri(backend.Value.GetString()!);
        }

        return new RoutingSettings(
            backends.ToImmutable(),
            TimeSpan.FromMilliseconds(root.GetProperty("timeoutMs").GetInt32()),
            root.GetProperty("maxRetries").GetInt32(),
            Interlocked.Increment(ref _version));
    }

    public void Dispose() => _watcher.Dispose();
}
