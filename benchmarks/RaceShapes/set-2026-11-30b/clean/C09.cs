using System.Collections.Concurrent;
using System.Reflection;

namespace Blind2.C09;

public interface IReportPlugin
{
    string Name { get; }
    string Render(IReadOnlyList<string[]> rows);
}

public sealed class ReportPluginInfo
{
    private static int s_lastId;

    public ReportPluginInfo(Type type, string sourceFile)
    {
        Id = Interlocked.Increment(ref s_lastId);
        Type = type;
        SourceFile = sourceFile;
    }

    public int Id { get; }
    public Type Type { get; }
    public string SourceFile { get; }
}

/// <summary>
/// Scans the extensions folder for report plugins. Assemblies are inspected
/// in parallel since reflection over large assemblies is slow.
/// </summary>
public sealed class ReportPluginRegistry
{
    private readonly ConcurrentDictionary<int, ReportPluginInfo> _plugins = new();

    public IReadOnlyCollection<ReportPluginInfo> All => _plugins.Values.OrderBy(p => p.Id).ToArray();

    public int Discover(string folder)
    {
        int found = 0;
        Parallel.ForEach(Directory.EnumerateFiles(folder, "*.dll"), path =>
        {
            foreach (var type in FindPluginTypes(path))
            {
                var info = new ReportPluginInfo(type, path);
                if (_plugins.TryAdd(info.Id, info))
                    Interlocked.Increment(ref found);
            }
        });
        return found;
    }

    private static IEnumerable<Type> FindPluginTypes(string path)
    {
        Type[] exported;
        try
        {
            exported = Assembly.LoadFrom(path).GetExportedTypes();
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException)
        {
            return Array.Empty<Type>();
        }

        return exported.Where(t => t.IsClass && !t.IsAbstract && typeof(IReportPlugin).IsAssignableFrom(t));
    }
}
