using System.Collections.Immutable;
using System.Reflection;

namespace Nursery.Bonsai.Plugins;

public interface IStylingAdvisor
{
    string Style { get; }
    string Advise(string species, int ageYears, double heightCm);
}

/// <summary>
/// Loads styling advisor plug-ins for the nursery's care-card printer. Plug-ins
/// can be added while the app runs (dropped into the plug-ins folder); card
/// printing on worker threads looks advisors up concurrently.
/// </summary>
public sealed class AdvisorPluginHost
{
    private ImmutableDictionary<string, IStylingAdvisor> _advisors =
        ImmutableDictionary.Create<string, IStylingAdvisor>(StringComparer.OrdinalIgnoreCase);

    private readonly object _loadGate = new();

    public int Count => Volatile.Read(ref _advisors).Count;

    public bool Register(IStylingAdvisor advisor)
    {
        return ImmutableInterlocked.TryAdd(ref _advisors, advisor.Style, advisor);
    }

    public int LoadFrom(Assembly assembly)
    {
        int loaded = 0;
        lock (_loadGate)
        {
            foreach (var type in assembly.GetExportedTypes())
            {
                if (type.IsAbstract || !typeof(IStylingAdvisor).IsAssignableFrom(type)) continue;
                if (Activator.CreateInstance(type) is IStylingAdvisor advisor && Register(advisor))
                {
                    loaded++;
                }
            }
        }
        return loaded;
    }

    public bool Unload(string style) => ImmutableInterlocked.TryRemove(ref _advisors, style, out _);

    public string? Advise(string style, string species, int ageYears, double heightCm) =>
        Volatile.Read(ref _advisors).TryGetValue(style, out var advisor)
            ? advisor.Advise(species, ageYears, heightCm)
            : null;

    public IReadOnlyList<string> StyleNames =>
        Volatile.Read(ref _advisors).Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToArray();
}

public sealed class InformalUprightAdvisor : IStylingAdvisor
{
    public string Style => "moyogi";

    public string Advise(string species, int ageYears, double heightCm) =>
        ageYears < 5
            ? $"{species}: wire the trunk for gentle curves; keep apex over the base."
            : $"{species}: refine secondary branches; height {heightCm:F0} cm is suited to a shohin pot.";
}

public static class CareCardPrinter
{
    public static string[] PrintBatch(AdvisorPluginHost host, IReadOnlyList<(string Style, string Species, int Age, double Height)> trees)
    {
        var cards = new string[trees.Count];
        Parallel.For(0, trees.Count, i =>
        {
            var t = trees[i];
            cards[i] = host.Advise(t.Style, t.Species, t.Age, t.Height) ?? $"{t.Species}: no advisor for '{t.Style}'.";
        });
        return cards;
    }
}
