namespace Blind53.StainedGlass.Kilns;

public interface IFiringProfile
{
    string GlassType { get; }

    IReadOnlyList<(int TargetCelsius, TimeSpan Hold)> Segments { get; }
}

/// <summary>
/// Registry of kiln firing profiles keyed by glass type. Registered as an app-wide
/// singleton: plugins register profiles when the plugin folder watcher sees a new
/// assembly, while the firing scheduler resolves profiles for every batch it plans.
/// </summary>
public sealed class FiringProfileRegistry
{
    private readonly Dictionary<string, IFiringProfile> _profiles = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _writeLock = new();

    public void Register(IFiringProfile profile)
    {
        lock (_writeLock)
        {
            _profiles[profile.GlassType] = profile;
        }
    }

    public bool Unregister(string glassType)
    {
        lock (_writeLock)
        {
            return _profiles.Remove(glassType);
        }
    }

    public IFiringProfile Resolve(string glassType)
    {
        if (_profiles.TryGetValue(glassType, out var profile))
        {
            return profile;
        }

        throw new KeyNotFoundException($"No firing profile registered for '{glassType}'.");
    }
}

/// <summary>
/// Loads profile plugins dropped into the plugins folder.
/// </summary>
public sealed class ProfilePluginWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly FiringProfileRegistry _registry;
    private readonly Func<string, IEnumerable<IFiringProfile>> _loader;

    public ProfilePluginWatcher(string folder, FiringProfileRegistry registry, Func<string, IEnumerable<IFiringProfile>> loader)
    {
        _registry = registry;
        _loader = loader;
        _watcher = new FileSystemWatcher(folder, "*.dll");
        _watcher.Created += OnPluginCreated;
        _watcher.EnableRaisingEvents = true;
    }

    private void OnPluginCreated(object sender, FileSystemEventArgs e)
    {
        foreach (var profile in _loader(e.FullPath))
        {
            _registry.Register(profile);
        }
    }

    public void Dispose() => _watcher.Dispose();
}

public sealed class FiringScheduler
{
    private readonly FiringProfileRegistry _registry;

    public FiringScheduler(FiringProfileRegistry registry)
    {
        _registry = registry;
    }

    public TimeSpan EstimateDuration(string glassType)
    {
        var profile = _registry.Resolve(glassType);
        var total = TimeSpan.Zero;
        foreach (var segment in profile.Segments)
        {
            total += segment.Hold;
        }

        return total;
    }
}
