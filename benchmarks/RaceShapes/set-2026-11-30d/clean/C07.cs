using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Blind4.Clean.Plugins.Registry;

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
    private readonly string _pluginDirectory;
    private readonly Lazy<IReadOnlyDictionary<string, ICommandPlugin>> _plugins;

    public PluginRegistry(string pluginDirectory)
    {
        _pluginDirectory = pluginDirectory;
        _plugins = new Lazy<IReadOnlyDictionary<string, ICommandPlugin>>(LoadPlugins, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public bool TryResolve(string name, [NotNullWhen(true)] out ICommandPlugin? plugin)
    {
        return _plugins.Value.TryGetValue(name, out plugin);
    }

    public IReadOnlyList<(string Name, string Description)> Describe()
    {
        return _plugins.Value.Values.Select(p => (p.Name, p.Description)).OrderBy(p => p.Name).ToList();
    }

    private IReadOnlyDictionary<string, ICommandPlugin> LoadPlugins()
    {
        var plugins = new Dictionary<string, ICommandPlugin>(StringComparer.OrdinalIgnoreCase);
        foreach (var plugin in DiscoverPlugins())
        {
            plugins[plugin.Name] = plugin;
        }
        return plugins;
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
