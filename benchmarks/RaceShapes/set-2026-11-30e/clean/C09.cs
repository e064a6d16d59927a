using System.Reflection;

namespace Toolkit.Importing.Plugins;

public interface IImportParser
{
    string Extension { get; }
    IEnumerable<string[]> Parse(Stream input);
}

/// <summary>
/// Finds import parsers in the plugin directory the first time one is needed. Import jobs run
/// in parallel and all of them consult this catalog.
/// </summary>
public sealed class ParserCatalog
{
    private readonly string _pluginDirectory;
    private readonly Lazy<IReadOnlyDictionary<string, IImportParser>> _parsers;

    public ParserCatalog(string pluginDirectory)
    {
        _pluginDirectory = pluginDirectory;
        _parsers = new Lazy<IReadOnlyDictionary<string, IImportParser>>(LoadParsers, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IImportParser? ForFile(string path)
    {
        var extension = Path.GetExtension(path);
        return _parsers.Value.TryGetValue(extension, out var parser) ? parser : null;
    }

    public IEnumerable<string> SupportedExtensions => _parsers.Value.Keys;

    private IReadOnlyDictionary<string, IImportParser> LoadParsers()
    {
        var parsers = new Dictionary<string, IImportParser>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(_pluginDirectory))
        {
            return parsers;
        }

        foreach (var dll in Directory.EnumerateFiles(_pluginDirectory, "*.dll"))
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.LoadFrom(dll);
            }
            catch (BadImageFormatException)
            {
                continue;
            }

            foreach (var type in assembly.GetExportedTypes())
            {
                if (!type.IsAbstract && typeof(IImportParser).IsAssignableFrom(type) && type.GetConstructor(Type.EmptyTypes) is not null)
                {
                    var parser = (IImportParser)Activator.CreateInstance(type)!;
                    parsers.TryAdd(parser.Extension, parser);
                }
            }
        }

        return parsers;
    }
}

/// <summary>Imports several uploaded files at once.</summary>
public sealed class BulkImporter
{
    private readonly ParserCatalog _catalog;

    public BulkImporter(ParserCatalog catalog) => _catalog = catalog;

    public async Task<int[]> ImportAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var tasks = files.Select(file => Task.Run(() =>
        {
            var parser = _catalog.ForFile(file) ?? throw new NotSupportedException($"No parser for {file}.");
            using var stream = File.OpenRead(file);
            return parser.Parse(stream).Count();
        }, cancellationToken));

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
