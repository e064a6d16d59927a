using System.Reflection;

namespace Blind10.Plugins.ReportExport;

public interface IReportExporter
{
    string Format { get; }
    string ContentType { get; }
    Task WriteAsync(Stream output, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken ct);
}

/// <summary>
/// Discovers report exporters in the plugin assemblies. Registered as a singleton in the
/// service container; the download endpoint resolves an exporter for every request.
/// </summary>
public sealed class ExporterRegistry
{
    private readonly IReadOnlyList<Assembly> _pluginAssemblies;
    private readonly Dictionary<string, IReportExporter> _exporters = new(StringComparer.OrdinalIgnoreCase);

    public ExporterRegistry(IEnumerable<Assembly> pluginAssemblies)
    {
        _pluginAssemblies = pluginAssemblies.ToList();
    }

    public IReportExporter Resolve(string format)
    {
        EnsureDiscovered();
        return _exporters.TryGetValue(format, out var exporter)
            ? exporter
            : throw new NotSupportedException($"No exporter is registered for '{format}'.");
    }

    public IReadOnlyCollection<string> SupportedFormats
    {
        get
        {
            EnsureDiscovered();
            return _exporters.Keys.ToArray();
        }
    }

    private void EnsureDiscovered()
    {
        if (_exporters.Count > 0)
        {
            return;
        }

        foreach (var assembly in _pluginAssemblies)
        {
            foreach (var type in GetLoadableTypes(assembly))
            {
                if (type.IsAbstract || !typeof(IReportExporter).IsAssignableFrom(type))
                {
                    continue;
                }
                if (type.GetConstructor(Type.EmptyTypes) is null)
                {
                    continue;
                }

                var exporter = (IReportExporter)Activator.CreateInstance(type)!;
                _exporters[exporter.Format] = exporter;
            }
        }
    }

    private static IEnumerable<Type> GetLoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}

/// <summary>Handles GET /reports/{id}/export?format=...</summary>
public sealed class ReportDownloadEndpoint
{
    private readonly ExporterRegistry _registry;
    private readonly Func<Guid, CancellationToken, Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>>> _loadRows;

    public ReportDownloadEndpoint(
        ExporterRegistry registry,
        Func<Guid, CancellationToken, Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>>> loadRows)
    {
        _registry = registry;
        _loadRows = loadRows;
    }

    public async Task<string> HandleAsync(Guid reportId, string format, Stream responseBody, CancellationToken ct)
    {
        var exporter = _registry.Resolve(format);
        var rows = await _loadRows(reportId, ct).ConfigureAwait(false);
        await exporter.WriteAsync(responseBody, rows, ct).ConfigureAwait(false);
        return exporter.ContentType;
    }
}
