using System.Collections.Immutable;
using System.Text.Json;

namespace Blind28.PerfumeDistillery.Config;

public sealed record StillSettings(
    string Botanical,
    double SteamTemperatureC,
    TimeSpan DistillationTime,
    double MaxPressureBar);

public sealed record DistilleryConfig(ImmutableDictionary<string, StillSettings> Stills, int Version);

/// <summary>
/// Watches the still settings file and reloads it when the master distiller saves a
/// change. The still controllers read <see cref="Current"/> on every cycle.
/// </summary>
public sealed class StillConfigReloader : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private DistilleryConfig _current;
    private int _reloads;

    public StillConfigReloader(string path)
    {
        _path = Path.GetFullPath(path);
        _current = Load(_path, 1);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    public DistilleryConfig Current => Volatile.Read(ref _current);

    public int Reloads => Volatile.Read(ref _reloads);

    public StillSettings? For(string stillId) =>
        Current.Stills.TryGetValue(stillId, out var settings) ? settings : null;

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            var version = Interlocked.Increment(ref _reloads) + 1;
            var fresh = Load(_path, version);
            while (true)
            {
                var existing = Volatile.Read(ref _current);
                if (existing.Version >= fresh.Version)
                {
                    return;
                }

                if (Interlocked.CompareExchange(ref _current, fresh, existing) == existing)
                {
                    return;
                }
            }
        }
        catch (IOException)
        {
            // Editor still holds the file; the next Changed event will pick it up.
        }
        catch (JsonException)
        {
            // Keep running on the previous settings until the file is fixed.
        }
    }

    private static DistilleryConfig Load(string path, int version)
    {
        using var stream = File.OpenRead(path);
        var stills = JsonSerializer.Deserialize<Dictionary<string, StillSettings>>(stream)
                     ?? new Dictionary<string, StillSettings>();
        return new DistilleryConfig(stills.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase), version);
    }

    public void Dispose() => _watcher.Dispose();
}
