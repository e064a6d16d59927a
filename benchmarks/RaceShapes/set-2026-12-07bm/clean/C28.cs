using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace Blind65.TinMines.Plugins;

/// <summary>
/// Contract for ore-grade calculators shipped as plugins by the assay labs.
/// </summary>
public interface IOreGradeCalculator
{
    string Lab { get; }
    double CassiteritePercent(IReadOnlyDictionary<string, double> assay);
}

/// <summary>
/// Loads the ore-grade calculator plugins from the plugins folder the first
/// time any of them is needed. Shared by all the assay processing workers.
/// </summary>
public sealed class OreGradePluginCatalog
{
    private readonly string _pluginDirectory;
    private IReadOnlyDictionary<string, IOreGradeCalculator>? _calculators;
    private object? _loadLock;
    private bool _loaded;

    public OreGradePluginCatalog(string pluginDirectory) => _pluginDirectory = pluginDirectory;

    private IReadOnlyDictionary<string, IOreGradeCalculator> Calculators =>
        LazyInitializer.EnsureInitialized(ref _calculators, ref _loaded, ref _loadLock, LoadAll)!;

    public IOreGradeCalculator For(string lab) =>
        Calculators.TryGetValue(lab, out var calculator)
            ? calculator
            : throw new KeyNotFoundException($"No ore-grade plugin for lab '{lab}'.");

    public IReadOnlyCollection<string> Labs => (IReadOnlyCollection<string>)Calculators.Keys;

    private IReadOnlyDictionary<string, IOreGradeCalculator> LoadAll()
    {
        var found = new Dictionary<string, IOreGradeCalculator>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(_pluginDirectory))
        {
            return found;
        }

        foreach (var path in Directory.EnumerateFiles(_pluginDirectory, "*.OreGrade.dll"))
        {
            var assembly = Assembly.LoadFrom(path);
            foreach (var type in assembly.GetExportedTypes())
            {
                if (typeof(IOreGradeCalculator).IsAssignableFrom(type) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null)
                {
                    var calculator = (IOreGradeCalculator)Activator.CreateInstance(type)!;
                    found[calculator.Lab] = calculator;
                }
            }
        }
        return found;
    }
}

public sealed class AssayWorker
{
    private readonly OreGradePluginCatalog _catalog;

    public AssayWorker(OreGradePluginCatalog catalog) => _catalog = catalog;

    public Task<double[]> GradeAllAsync(IReadOnlyList<(string Lab, IReadOnlyDictionary<string, double> Assay)> batch) =>
        Task.WhenAll(batch.Select(item => Task.Run(() => _catalog.For(item.Lab).CassiteritePercent(item.Assay))));
}
