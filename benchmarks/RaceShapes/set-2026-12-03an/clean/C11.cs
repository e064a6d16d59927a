using System.Reflection;

namespace Blind40.PipeOrganBuilders.Stops;

[AttributeUsage(AttributeTargets.Class)]
public sealed class StopModelAttribute : Attribute
{
    public StopModelAttribute(string family) => Family = family;

    public string Family { get; }
}

public interface IStopModel
{
    double ScaleDiameterMm(int midiNote);
}

/// <summary>
/// Creates scaling models for organ stops (principals, flutes, reeds). Every
/// open instrument project has its own factory, and projects are scaled in
/// parallel by the batch exporter; the family-to-type map is shared by all
/// factories in the process.
/// </summary>
public sealed class StopModelFactory
{
    private static readonly object s_mapLock = new();
    private static readonly Dictionary<string, Type> s_families = new(StringComparer.OrdinalIgnoreCase);

    private readonly string _instrument;
    private int _created;

    public StopModelFactory(string instrument) => _instrument = instrument;

    public int CreatedCount => Volatile.Read(ref _created);

    public IStopModel Create(string family)
    {
        Type type;
        lock (s_mapLock)
        {
            if (!s_families.TryGetValue(family, out type!))
            {
                type = FindType(family)
                    ?? throw new InvalidOperationException($"{_instrument}: unknown stop family '{family}'.");
                s_families.Add(family, type);
            }
        }

        Interlocked.Increment(ref _created);
        return (IStopModel)Activator.CreateInstance(type)!;
    }

    public static IReadOnlyList<string> KnownFamilies()
    {
        lock (s_mapLock)
        {
            return s_families.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }

    private static Type? FindType(string family) =>
        typeof(StopModelFactory).Assembly
            .GetTypes()
            .FirstOrDefault(t => typeof(IStopModel).IsAssignableFrom(t)
                && string.Equals(t.GetCustomAttribute<StopModelAttribute>()?.Family, family, StringComparison.OrdinalIgnoreCase));
}

[StopModel("principal")]
public sealed class PrincipalScaling : IStopModel
{
    // Normal Töpfer scale: diameter halves on the 17th note.
    public double ScaleDiameterMm(int midiNote) => 155.5 * Math.Pow(2, -(midiNote - 36) / 16.0);
}

[StopModel("flute")]
public sealed class FluteScaling : IStopModel
{
    public double ScaleDiameterMm(int midiNote) => 170 * Math.Pow(2, -(midiNote - 36) / 18.0);
}

public static class ScalingExport
{
    public static async Task ExportAsync(IEnumerable<string> instruments, CancellationToken ct)
    {
        await Parallel.ForEachAsync(instruments, ct, (instrument, token) =>
        {
            var factory = new StopModelFactory(instrument);
            foreach (var family in new[] { "principal", "flute" })
            {
                token.ThrowIfCancellationRequested();
                _ = factory.Create(family).ScaleDiameterMm(60);
            }
            return ValueTask.CompletedTask;
        });
    }
}
