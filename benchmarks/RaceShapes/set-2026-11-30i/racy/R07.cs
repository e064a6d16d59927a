using System.Reflection;

namespace Acme.Extensibility;

public interface IPlugin
{
    string Name { get; }
    int Order { get; }
    bool CanHandle(string contentType);
    Stream Transform(Stream input);
}

/// <summary>
/// Discovers <see cref="IPlugin"/> implementations in the plugins folder the
/// first time they are needed. Registered as a singleton in the DI container
/// and injected into the upload controller.
/// </summary>
public sealed class PluginRegistry
{
    private readonly string _pluginDirectory;
    private List<IPlugin>? _plugins;

    public PluginRegistry(string pluginDirectory)
    {
        _pluginDirectory = pluginDirectory;
    }

    public IPlugin? FindFor(string contentType)
    {
        foreach (var plugin in GetPlugins())
        {
            if (plugin.CanHandle(contentType))
            {
                return plugin;
            }
        }

        return null;
    }

    public IReadOnlyList<string> ListNames() => GetPlugins().Select(p => p.Name).ToList();

    private List<IPlugin> GetPlugins()
    {
        if (_plugins == null)
        {
            _plugins = new List<IPlugin>();
            foreach (var plugin in LoadFromDirectory(_pluginDirectory).OrderBy(p => p.Order))
            {
                _plugins.Add(plugin);
            }
        }

        return _plugins;
    }

    private static IEnumerable<IPlugin> LoadFromDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.Plugin.dll"))
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.LoadFrom(path);
            }
            catch (BadImageFormatException)
            {
                continue;
            }

            foreach (var type in assembly.GetExportedTypes())
            {
                if (typeof(IPlugin).IsAssignableFrom(type) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) != null)
                {
                    yield return (IPlugin)Activator.CreateInstance(type)!;
                }
            }
        }
    }
}

public sealed class UploadController
{
    private readonly PluginRegistry _registry;

    public UploadController(PluginRegistry registry) => _registry = registry;

    public Stream Process(string contentType, Stream body)
    {
        var plugin = _registry.FindFor(contentType);
        return plugin is null ? body : plugin.Transform(body);
    }
}
