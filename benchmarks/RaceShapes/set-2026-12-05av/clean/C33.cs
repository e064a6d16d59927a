using System.Collections.Immutable;

namespace Blind48.Ballet.NotationExport;

/// <summary>
/// Converts a choreography score into another notation format (Labanotation,
/// Benesh, video cue sheet …).
/// </summary>
public interface INotationExporter
{
    string Format { get; }
    byte[] Export(string scoreXml);
}

/// <summary>
/// The set of exporters loaded from one scan of the plugin folder.
/// </summary>
public sealed class ExporterSet
{
    public ExporterSet(int generation, IEnumerable<INotationExporter> exporters)
    {
        Generation = generation;
        ByFormat = exporters.ToImmutableDictionary(e => e.Format, StringComparer.OrdinalIgnoreCase);
    }

    public int Generation { get; }
    public ImmutableDictionary<string, INotationExporter> ByFormat { get; }
}

/// <summary>
/// Holds the notation exporter plugins and swaps in a fresh set when the
/// plugin folder changes. Registered as a singleton; export requests and
/// reloads can happen at the same time.
/// </summary>
public sealed class NotationExporterRegistry : IDisposable
{
    private readonly Func<IEnumerable<INotationExporter>> _scanPluginFolder;
    private readonly FileSystemWatcher? _watcher;
    private readonly object _reloadLock = new();
    private ExporterSet _current;
    private int _generation;

    public NotationExporterRegistry(Func<IEnumerable<INotationExporter>> scanPluginFolder, string? pluginFolder)
    {
        _scanPluginFolder = scanPluginFolder;
        _current = new ExporterSet(0, scanPluginFolder());

        if (pluginFolder is not null)
        {
            _watcher = new FileSystemWatcher(pluginFolder, "*.dll") { EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => Reload();
            _watcher.Created += (_, _) => Reload();
            _watcher.Deleted += (_, _) => Reload();
        }
    }

    public ExporterSet Current => Volatile.Read(ref _current);

    public IReadOnlyCollection<string> Formats => Current.ByFormat.Keys.ToArray();

    public void Reload()
    {
        // Watcher events tend to arrive in bursts when a plugin is copied in.
        lock (_reloadLock)
        {
            var generation = ++_generation;
            var fresh = new ExporterSet(generation, _scanPluginFolder());
            Interlocked.Exchange(ref _current, fresh);
        }
    }

    public byte[] Export(string format, string scoreXml)
    {
        var set = Current;
        if (!set.ByFormat.TryGetValue(format, out var exporter))
        {
            throw new NotSupportedException($"No exporter for '{format}' (plugin generation {set.Generation}).");
        }

        return exporter.Export(scoreXml);
    }

    public void Dispose() => _watcher?.Dispose();
}
