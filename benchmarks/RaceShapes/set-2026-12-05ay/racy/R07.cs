using System.Collections.Immutable;

namespace Blind51.StainedGlass.Features;

/// <summary>
/// Feature switches for the stained glass studio's commission portal (online colour
/// previews, kiln-slot booking, the new lead-came calculator). Registered as a singleton.
/// Request handlers read flags on every request; studio admins flip individual flags
/// from the admin page, and the configuration watcher reapplies the flags file whenever
/// it changes on disk.
/// </summary>
public sealed class StudioFeatureFlags
{
    private ImmutableDictionary<string, bool> _flags;

    public StudioFeatureFlags(IEnumerable<KeyValuePair<string, bool>> initial)
    {
        _flags = ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, initial);
    }

    public bool IsEnabled(string feature)
    {
        var flags = _flags;
        return flags.TryGetValue(feature, out var on) && on;
    }

    public IReadOnlyDictionary<string, bool> Snapshot() => _flags;

    /// <summary>Called by the admin page when a studio manager flips a switch.</summary>
    public void Set(string feature, bool enabled)
    {
        _flags = _flags.SetItem(feature, enabled);
    }

    /// <summary>Called by the file watcher with the contents of flags.json.</summary>
    public void ApplyFile(IReadOnlyDictionary<string, bool> fromFile)
    {
        _flags = _flags.SetItems(fromFile);
    }
}

/// <summary>
/// Watches the flags file and pushes changes into <see cref="StudioFeatureFlags"/>.
/// FileSystemWatcher raises its events on thread-pool threads.
/// </summary>
public sealed class FlagsFileWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly StudioFeatureFlags _flags;
    private readonly Func<string, IReadOnlyDictionary<string, bool>> _parse;

    public FlagsFileWatcher(string directory, StudioFeatureFlags flags, Func<string, IReadOnlyDictionary<string, bool>> parse)
    {
        _flags = flags;
        _parse = parse;
        _watcher = new FileSystemWatcher(directory, "flags.json")
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += OnChanged;
        _watcher.EnableRaisingEvents = true;
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        try
        {
            var text = File.ReadAllText(e.FullPath);
            _flags.ApplyFile(_parse(text));
        }
        catch (IOException)
        {
            // The editor may still hold the file; the next change event will retry.
        }
    }

    public void Dispose() => _watcher.Dispose();
}

/// <summary>
/// Admin endpoint handler for toggling a feature.
/// </summary>
public sealed class FeatureAdminHandler
{
    private readonly StudioFeatureFlags _flags;

    public FeatureAdminHandler(StudioFeatureFlags flags) => _flags = flags;

    public IReadOnlyDictionary<string, bool> Toggle(string feature)
    {
        _flags.Set(feature, !_flags.IsEnabled(feature));
        return _flags.Snapshot();
    }
}
