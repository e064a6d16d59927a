using System.Reflection;

namespace Fabrikam.Extensibility
{
    public interface IExportFormatter
    {
        string FormatName { get; }
        string ContentType { get; }
        Task WriteAsync(Stream output, IReadOnlyList<IDictionary<string, object?>> rows, CancellationToken cancellationToken);
    }

    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public sealed class ExportFormatterAttribute : Attribute
    {
        public ExportFormatterAttribute(string formatName) => FormatName = formatName;
        public string FormatName { get; }
    }

    /// <summary>
    /// Discovers export formatters in the plugin assemblies. Registered as a
    /// singleton; the export endpoint resolves a formatter for every download request.
    /// Discovery is deferred to the first request because scanning is slow.
    /// </summary>
    public sealed class ExportFormatterRegistry
    {
        private readonly IReadOnlyList<Assembly> _pluginAssemblies;
        private Dictionary<string, Type>? _formatterTypes;

        public ExportFormatterRegistry(IReadOnlyList<Assembly> pluginAssemblies)
        {
            _pluginAssemblies = pluginAssemblies;
        }

        public IExportFormatter? Resolve(string formatName)
        {
            var types = GetFormatterTypes();
            return types.TryGetValue(formatName, out var type)
                ? (IExportFormatter?)Activator.CreateInstance(type)
                : null;
        }

        public IReadOnlyCollection<string> SupportedFormats => GetFormatterTypes().Keys;

        private Dictionary<string, Type> GetFormatterTypes()
        {
            if (_formatterTypes is not null)
            {
                return _formatterTypes;
            }

            _formatterTypes = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
            foreach (var assembly in _pluginAssemblies)
            {
                foreach (var type in SafeGetTypes(assembly))
                {
                    if (type.IsAbstract || !typeof(IExportFormatter).IsAssignableFrom(type))
                    {
                        continue;
                    }

                    var attribute = type.GetCustomAttribute<ExportFormatterAttribute>();
                    var name = attribute?.FormatName ?? type.Name.Replace("Formatter", string.Empty);
                    _formatterTypes[name] = type;
                }
            }
            return _formatterTypes;
        }

        private static IEnumerable<Type> SafeGetTypes(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                return ex.Types.Where(t => t is not null)!;
            }
        }
    }
}
