using System.Collections.Frozen;
using System.Reflection;

namespace Fabrikam.Extensibility.Importers
{
    public interface IImporter
    {
        string Extension { get; }
        Task<int> ImportAsync(Stream input, CancellationToken cancellationToken);
    }

    [AttributeUsage(AttributeTargets.Class)]
    public sealed class ImporterAttribute : Attribute
    {
        public ImporterAttribute(string extension) => Extension = extension;
        public string Extension { get; }
    }

    /// <summary>
    /// Singleton that maps file extensions to importer types found in the plugin
    /// folder. The scan happens on first use; the upload endpoint resolves an
    /// importer for every uploaded file.
    /// </summary>
    public sealed class ImporterRegistry
    {
        private readonly Lazy<FrozenDictionary<string, Type>> _importers;

        public ImporterRegistry(IReadOnlyList<Assembly> pluginAssemblies)
        {
            _importers = new Lazy<FrozenDictionary<string, Type>>(
                () => Discover(pluginAssemblies),
                LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public IImporter? Create(string extension)
        {
            return _importers.Value.TryGetValue(extension, out var type)
                ? (IImporter?)Activator.CreateInstance(type)
                : null;
        }

        public IEnumerable<string> KnownExtensions => _importers.Value.Keys;

        private static FrozenDictionary<string, Type> Discover(IReadOnlyList<Assembly> assemblies)
        {
            var map = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
            foreach (var assembly in assemblies)
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
                    if (type.IsAbstract || !typeof(IImporter).IsAssignableFrom(type))
                    {
                        continue;
                    }

                    var ext = type.GetCustomAttribute<ImporterAttribute>()?.Extension
                              ?? "." + type.Name.Replace("Importer", string.Empty).ToLowerInvariant();
                    map[ext] = type;
                }
            }
            return map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }
    }
}
