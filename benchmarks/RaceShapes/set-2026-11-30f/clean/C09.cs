using System.Reflection;

namespace Toolkit.Importers;

public interface IImporter
{
    string Extension { get; }
    Task<int> ImportAsync(Stream input, CancellationToken cancellationToken);
}

/// <summary>
/// Finds importer implementations in the application's assemblies the first
/// time one is requested. Registered as a singleton.
/// </summary>
public sealed class ImporterCatalog
{
    private readonly Lazy<IReadOnlyDictionary<string, IImporter>> _importers;

    public ImporterCatalog(IEnumerable<Assembly> assemblies)
    {
        var assemblyList = assemblies.ToList();
        _importers = new Lazy<IReadOnlyDictionary<string, IImporter>>(
            () => Discover(assemblyList),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyCollection<string> SupportedExtensions => _importers.Value.Keys.ToArray();

    public IImporter? ForFile(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        return _importers.Value.TryGetValue(extension, out var importer) ? importer : null;
    }

    private static IReadOnlyDictionary<string, IImporter> Discover(IReadOnlyList<Assembly> assemblies)
    {
        var found = new Dictionary<string, IImporter>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in assemblies)
        {
            foreach (var type in assembly.GetTypes())
            {
                if (type.IsAbstract || type.IsInterface || !typeof(IImporter).IsAssignableFrom(type))
                {
                    continue;
                }

                if (type.GetConstructor(Type.EmptyTypes) is null)
                {
                    continue;
                }

                var importer = (IImporter)Activator.CreateInstance(type)!;
                found.TryAdd(importer.Extension, importer);
            }
        }

        return found;
    }
}

public sealed class ImportController
{
    private readonly ImporterCatalog _catalog;

    public ImportController(ImporterCatalog catalog) => _catalog = catalog;

    public async Task<int> UploadAsync(string fileName, Stream body, CancellationToken cancellationToken)
    {
        var importer = _catalog.ForFile(fileName)
            ?? throw new NotSupportedException($"No importer for '{Path.GetExtension(fileName)}'.");
        return await importer.ImportAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
