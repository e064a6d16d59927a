using System.Reflection;

namespace Blind58.BoatyardPlugins;

/// <summary>Calculator plugin for the boatbuilding shop's estimating tool.</summary>
public interface IEstimatorPlugin
{
    string Name { get; }
    decimal Estimate(IReadOnlyDictionary<string, decimal> measurements);
}

/// <summary>
/// Registry of estimating plugins (plank stock, fastenings, varnish coats). Plugins are
/// loaded at startup and when an admin drops a new assembly in; every estimate request
/// resolves plugins through this registry. Registered as a singleton.
/// </summary>
public sealed class EstimatorPluginRegistry
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, IEstimatorPlugin> _plugins = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _loadLog = new();

    public void Register(IEstimatorPlugin plugin)
    {
        _lock.EnterWriteLock();
        try
        {
            _plugins[plugin.Name] = plugin;
            _loadLog.Add($"{DateTimeOffset.UtcNow:O} registered {plugin.Name}");
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int LoadFrom(Assembly assembly)
    {
        var found = assembly.GetTypes()
            .Where(t => typeof(IEstimatorPlugin).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IEstimatorPlugin)Activator.CreateInstance(t)!)
            .ToList();

        foreach (var plugin in found)
        {
            Register(plugin);
        }

        return found.Count;
    }

    public bool TryResolve(string name, out IEstimatorPlugin? plugin)
    {
        _lock.EnterReadLock();
        try
        {
            return _plugins.TryGetValue(name, out plugin);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<string> Names()
    {
        _lock.EnterReadLock();
        try
        {
            return _plugins.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public IReadOnlyList<string> LoadLog()
    {
        _lock.EnterReadLock();
        try
        {
            return _loadLog.ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}

/// <summary>Builds an estimate by running every requested plugin in parallel.</summary>
public sealed class EstimateService
{
    private readonly EstimatorPluginRegistry _registry;

    public EstimateService(EstimatorPluginRegistry registry) => _registry = registry;

    public decimal Estimate(IEnumerable<string> pluginNames, IReadOnlyDictionary<string, decimal> measurements) =>
        pluginNames
            .AsParallel()
            .Select(name => _registry.TryResolve(name, out var plugin) && plugin is not null ? plugin.Estimate(measurements) : 0m)
            .Sum();
}
