using System.Reflection;

namespace Docs.Pipeline.Extensibility;

public interface IContentPlugin
{
    string Name { get; }
    int Order { get; }
    string Transform(string markdown);
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class ContentPluginAttribute : Attribute
{
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// Discovers content plugins in the loaded assemblies. Registered as a singleton in the
/// web host; every page render asks the registry for the plugin list.
/// </summary>
public sealed class ContentPluginRegistry
{
    private readonly IReadOnlyList<Assembly> _assemblies;
    private List<IContentPlugin>? _plugins;

    public ContentPluginRegistry(IEnumerable<Assembly> assemblies)
    {
        _assemblies = assemblies.ToList();
    }

    public IReadOnlyList<IContentPlugin> GetPlugins()
    {
        if (_plugins == null)
        {
            _plugins = new List<IContentPlugin>();
            _plugins.AddRange(Discover());
        }

        return _plugins;
    }

    public string Render(string markdown)
    {
        foreach (var plugin in GetPlugins().OrderBy(p => p.Order))
            markdown = plugin.Transform(markdown);

        return markdown;
    }

    private List<IContentPlugin> Discover()
    {
        var found = new List<IContentPlugin>();

        foreach (var assembly in _assemblies)
        {
            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                types = ex.Types.Where(t => t is not null).ToArray()!;
            }

            foreach (var type in types)
            {
                if (type.IsAbstract || !typeof(IContentPlugin).IsAssignableFrom(type))
                    continue;

                var attribute = type.GetCustomAttribute<ContentPluginAttribute>();
                if (attribute is { Enabled: false })
                    continue;

                if (Activator.CreateInstance(type) is IContentPlugin plugin)
                    found.Add(plugin);
            }
        }

        return found;
    }
}
