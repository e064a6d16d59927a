using System.Reflection;

namespace Studio.Addins;

public interface IExporter
{
    string FormatName { get; }
    string FileExtension { get; }
    void Export(Stream document, Stream destination);
}

/// <summary>
/// Singleton that holds the exporters found in the add-ins folder. The folder
/// is rescanned whenever an add-in is dropped into it, while editor
/// windows keep asking for exporters.
/// </summary>
public sealed class ExporterCatalog : IDisposable
{
    private readonly string _addinDirectory;
    private readonly FileSystemWatcher _watcher;
    private readonly object _rescanLock = new();
    private IExporter[] _exporters = Array.Empty<IExporter>();

    public ExporterCatalog(string addinDirectory)
    {
        _addinDirectory = addinDirectory;
        Rescan();

        _watcher = new FileSystemWatcher(addinDirectory, "*.dll");
        _watcher.Created += (_, _) => Rescan();
        _watcher.Deleted += (_, _) => Rescan();
        _watcher.EnableRaisingEvents = true;
    }

    public IReadOnlyList<IExporter> Exporters => Volatile.Read(ref _exporters);

    public IExporter? FindByExtension(string extension)
    {
        foreach (var exporter in Exporters)
        {
            if (string.Equals(exporter.FileExtension, extension, StringComparison.OrdinalIgnoreCase))
            {
                return exporter;
            }
        }

        return null;
    }

    private void Rescan()
    {
        lock (_rescanLock)
        {
            var found = new List<IExporter>();
            foreach (var path in Directory.EnumerateFiles(_addinDirectory, "*.dll"))
            {
                try
                {
                    var assembly = Assembly.LoadFrom(path);
                    foreach (var type in assembly.GetExportedTypes())
                    {
                        if (typeof(IExporter).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false })
                        {
                            found.Add((IExporter)Activator.CreateInstance(type)!);
                        }
                    }
                }
                catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or ReflectionTypeLoadException)
                {
                    Console.Error.WriteLine($"Skipping {Path.GetFileName(path)}: {ex.Message}");
                }
            }

            Volatile.Write(ref _exporters, found.ToArray());
        }
    }

    public void Dispose() => _watcher.Dispose();
}
