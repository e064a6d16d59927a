using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Blind4.Plugins.Registry;

public interface ICommandPlugin
{
    string Name { get; }

    string Description { get; }

    Task<int> ExecuteAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}

/// <summary>
/// Discovers command plugins from the plugins folder the first time a command is resolved.
/// The web host and the background scheduler both resolve commands through the same registry.
/// </summary>
public sealed class PluginRegistry
{
    private readonly object _loadLock = new();
    private readonly string _pluginDirectory;
    private Dictionary<string, ICommandPlugin>? _plugins;

    public PluginRegistry(string pluginDirectory)
    {
        _pluginDirectory = pluginDirectory;
    }

    public bool TryResolve(string name, [NotNullWhen(true)] out ICommandPlugin? plugin)
    {
        var plugins = EnsureLoaded();
        return plugins.TryGetValue(name, out plugin);
    }

    public IReadOnlyList<(string Name, string Description)> Describe()
    {
        lock (_loadLock)
        {
            return EnsureLoaded().Values.Select(p => (p.Name, p.Description)).OrderBy(p => p.Name).ToList();
        }
    }

    private Dictionary<string, ICommandPlugin> EnsureLoaded()
    {
        if (_plugins is not null)
        {
            return _plugins;
        }

        lock (_loadLock)
        {
            if (_plugins is null)
            {
                _plugins = new Dictionary<string, ICommandPlugin>(StringComparer.OrdinalIgnoreCase);
                foreach (var plugin in DiscoverPlugins())
                {
                    _plugins[plugin.Name] = plugin;
                }
            }

            return _plugins;
        }
    }

    private IEnumerable<ICommandPlugin> DiscoverPlugins()
    {
        if (!Directory.Exists(_pluginDirectory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(_pluginDirectory, "*.Plugin.dll"))
        {
            Type[] types;
            try
            {
                types = Assembly.LoadFrom(path).GetExportedTypes();
            }
            catch (BadImageFormatException)
            {
                continue;
            }

            foreach (var type in types)
            {
                if (type.IsClass && !type.IsAbstract && typeof(ICommandPlugin).IsAssignableFrom(type)
                    && type.GetConstructor(Type.EmptyTypes) is not null)
                {
                    yield return (ICommandPlugin)Activator.CreateInstance(type)!;
                }
            }
        }
    }
}
