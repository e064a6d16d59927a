using System.Reflection;

namespace Toolkit.Reporting.Plugins;

public interface IOutputFormatter
{
    string Name { get; }
    string FileExtension { get; }
    byte[] Format(Report report);
}

public sealed record Report(string Title, string Format, IReadOnlyList<string[]> Rows);

/// <summary>
/// Discovers output formatters in the loaded assemblies. Formatters are found once, on first
/// use, and looked up by name afterwards.
/// </summary>
public static class FormatterRegistry
{
    private static Dictionary<string, IOutputFormatter>? _formatters;

    public static IOutputFormatter? Find(string name)
    {
        var formatters = EnsureLoaded();
        return formatters.TryGetValue(name, out var formatter) ? formatter : null;
    }

    public static IReadOnlyCollection<string> KnownFormats => EnsureLoaded().Keys;

    private static Dictionary<string, IOutputFormatter> EnsureLoaded()
    {
        if (_formatters == null)
        {
            _formatters = new Dictionary<string, IOutputFormatter>(StringComparer.OrdinalIgnoreCase);
            foreach (var type in DiscoverFormatterTypes())
            {
                var formatter = (IOutputFormatter)Activator.CreateInstance(type)!;
                _formatters[formatter.Name] = formatter;
            }
        }

        return _formatters;
    }

    private static IEnumerable<Type> DiscoverFormatterTypes()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
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
                if (type is { IsAbstract: false, IsInterface: false } &&
                    typeof(IOutputFormatter).IsAssignableFrom(type) &&
                    type.GetConstructor(Type.EmptyTypes) is not null)
                {
                    yield return type;
                }
            }
        }
    }
}

/// <summary>Writes a batch of reports to disk, one file per report.</summary>
public sealed class ReportExporter
{
    private readonly string _outputDirectory;

    public ReportExporter(string outputDirectory) => _outputDirectory = outputDirectory;

    public void ExportAll(IEnumerable<Report> reports)
    {
        Directory.CreateDirectory(_outputDirectory);

        Parallel.ForEach(reports, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, report =>
        {
            var formatter = FormatterRegistry.Find(report.Format)
                ?? throw new InvalidOperationException($"No formatter registered for '{report.Format}'.");

            var fileName = string.Concat(report.Title.Split(Path.GetInvalidFileNameChars())) + formatter.FileExtension;
            File.WriteAllBytes(Path.Combine(_outputDirectory, fileName), formatter.Format(report));
        });
    }
}
