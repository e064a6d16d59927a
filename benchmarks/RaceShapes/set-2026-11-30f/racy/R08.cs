using System.Reflection;

namespace Toolkit.Plugins;

public interface IExportPlugin
{
    string Format { get; }
    int Priority { get; }
    Task ExportAsync(Stream source, Stream destination, CancellationToken cancellationToken);
}

/// <summary>
/// Discovers export plugins from the assemblies found in the plugins folder.
/// Registered as a singleton; the export endpoint asks it for a plugin on every request.
/// </summary>
public sealed class PluginRegistry
{
    private readonly object _loadLock = new();
    private readonly string _pluginDirectory;
    private List<IExportPlugin>? _plugins;

    public PluginRegistry(string pluginDirectory)
    {
        _pluginDirectory = pluginDirectory;
    }

    public IReadOnlyList<IExportPlugin> Plugins
    {
        get
        {
            if (_plugins == null)
            {
                lock (_loadLock)
                {
                    if (_plugins == null)
                    {
                        _plugins = new List<IExportPlugin>();
                        LoadPlugins(_plugins);
                    }
                }
            }

            return _plugins;
        }
    }

    public IExportPlugin? FindByFormat(string format)
    {
        foreach (var plugin in Plugins)
        {
            if (string.Equals(plugin.Format, format, StringComparison.OrdinalIgnoreCase))
            {
                return plugin;
            }
        }

        return null;
    }

    private void LoadPlugins(List<IExportPlugin> target)
    {
        if (!Directory.Exists(_pluginDirectory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(_pluginDirectory, "*.Plugin.dll"))
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.LoadFrom(file);
            }
            catch (BadImageFormatException)
            {
                continue;
            }

            foreach (var type in assembly.GetExportedTypes())
            {
                if (type.IsAbstract || !typeof(IExportPlugin).IsAssignableFrom(type))
                {
                    continue;
                }

                if (Activator.CreateInstance(type) is IExportPlugin plugin)
                {
                    target.Add(plugin);
                }
            }
        }

        target.Sort((a, b) => b.Priority.CompareTo(a.Priority));
    }
}
