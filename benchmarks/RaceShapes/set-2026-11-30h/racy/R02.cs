using System.Reflection;

namespace Blind8.Extensibility.Plugins;

public interface IExportPlugin
{
    string Name { get; }
    string FileExtension { get; }
    Task ExportAsync(Stream destination, IReadOnlyList<IDictionary<string, object?>> rows, CancellationToken ct);
}

/// <summary>
/// Holds the export plugins known to the application. Plugins are loaded at
/// startup and can also be installed or removed at runtime from the admin API,
/// while report requests keep resolving them concurrently.
/// </summary>
public sealed class ExportPluginRegistry
{
    private readonly Dictionary<string, IExportPlugin> _plugins = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _gate = new();

    public void Register(IExportPlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);

        lock (_gate)
        {
            if (_plugins.ContainsKey(plugin.Name))
            {
                throw new InvalidOperationException($"A plugin named '{plugin.Name}' is already registered.");
            }

            _plugins.Add(plugin.Name, plugin);
        }
    }

    public bool Unregister(string name)
    {
        lock (_gate)
        {
            return _plugins.Remove(name);
        }
    }

    public bool TryResolve(string name, out IExportPlugin? plugin)
    {
        lock (_plugins)
        {
            return _plugins.TryGetValue(name, out plugin);
        }
    }

    public IReadOnlyList<string> GetInstalledNames()
    {
        lock (_gate)
        {
            return _plugins.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToArray();
        }
    }

    public int LoadFromDirectory(string directory)
    {
        var loaded = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*.Export.dll"))
        {
            var assembly = Assembly.LoadFrom(path);
            foreach (var type in assembly.GetExportedTypes())
            {
                if (type.IsAbstract || !typeof(IExportPlugin).IsAssignableFrom(type))
                {
                    continue;
                }

                if (Activator.CreateInstance(type) is IExportPlugin plugin)
                {
                    Register(plugin);
                    loaded++;
                }
            }
        }

        return loaded;
    }
}

/// <summary>Endpoint logic used by the reporting controller for every export request.</summary>
public sealed class ReportExporter
{
    private readonly ExportPluginRegistry _registry;

    public ReportExporter(ExportPluginRegistry registry) => _registry = registry;

    public async Task<bool> TryExportAsync(string format, Stream output, IReadOnlyList<IDictionary<string, object?>> rows, CancellationToken ct)
    {
        if (!_registry.TryResolve(format, out var plugin) || plugin is null)
        {
            return false;
        }

        await plugin.ExportAsync(output, rows, ct).ConfigureAwait(false);
        return true;
    }
}
