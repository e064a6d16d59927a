using System.Collections.Concurrent;
using System.Reflection;

namespace Blind2.R09;

public interface IExportPlugin
{
    string Format { get; }
    void Export(Stream output, IEnumerable<IReadOnlyDictionary<string, object?>> rows);
}

public sealed class PluginDescriptor
{
    private static int s_nextId;

    public PluginDescriptor(Type implementation, string assemblyPath)
    {
        Id = ++s_nextId;
        Implementation = implementation;
        AssemblyPath = assemblyPath;
        DisplayName = implementation.GetCustomAttribute<System.ComponentModel.DisplayNameAttribute>()?.DisplayName
                      ?? implementation.Name;
    }

    public int Id { get; }
    public Type Implementation { get; }
    public string AssemblyPath { get; }
    public string DisplayName { get; }

    public IExportPlugin CreateInstance() => (IExportPlugin)Activator.CreateInstance(Implementation)!;
}

/// <summary>
/// Discovers export plugins in the plugins folder. Assemblies are scanned in
/// parallel because loading and reflecting over them dominates start-up time.
/// </summary>
public sealed class PluginCatalog
{
    private readonly ConcurrentDictionary<int, PluginDescriptor> _byId = new();

    public IReadOnlyCollection<PluginDescriptor> Plugins => _byId.Values.ToArray();

    public PluginDescriptor? Get(int id) => _byId.TryGetValue(id, out var d) ? d : null;

    public void LoadFrom(string directory)
    {
        var files = Directory.GetFiles(directory, "*.Plugin.dll");

        Parallel.ForEach(files, file =>
        {
            foreach (var descriptor in Scan(file))
                _byId[descriptor.Id] = descriptor;
        });
    }

    private static IEnumerable<PluginDescriptor> Scan(string assemblyPath)
    {
        Assembly assembly;
        try
        {
            assembly = Assembly.LoadFrom(assemblyPath);
        }
        catch (BadImageFormatException)
        {
            yield break;
        }

        foreach (var type in assembly.GetExportedTypes())
        {
            if (type.IsClass && !type.IsAbstract && typeof(IExportPlugin).IsAssignableFrom(type))
                yield return new PluginDescriptor(type, assemblyPath);
        }
    }
}
