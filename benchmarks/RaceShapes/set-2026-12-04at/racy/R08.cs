using System.Reflection;

namespace Blind46.PipeOrgan.Voicing;

public interface IVoicingPlugin
{
    string StopName { get; }

    double SuggestCutUp(double pipeDiameterMm, int midiNote);
}

/// <summary>
/// Finds voicing plugins shipped with the workshop tools. Plugins are discovered
/// from the loaded assemblies the first time any stop is looked up; the voicing
/// bench UI and the batch scaling job both call <see cref="Find"/> from their own threads.
/// </summary>
public static class VoicingPluginRegistry
{
    private static readonly object s_loadLock = new();
    private static Dictionary<string, IVoicingPlugin>? s_plugins;

    public static IVoicingPlugin? Find(string stopName)
    {
        var plugins = s_plugins;
        if (plugins is null)
        {
            lock (s_loadLock)
            {
                if (s_plugins is null)
                {
                    s_plugins = new Dictionary<string, IVoicingPlugin>(StringComparer.OrdinalIgnoreCase);
                    foreach (var type in DiscoverPluginTypes())
                    {
                        if (Activator.CreateInstance(type) is IVoicingPlugin plugin)
                            s_plugins[plugin.StopName] = plugin;
                    }
                }

                plugins = s_plugins;
            }
        }

        return plugins.TryGetValue(stopName, out var found) ? found : null;
    }

    private static IEnumerable<Type> DiscoverPluginTypes()
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
                if (type.IsClass && !type.IsAbstract && typeof(IVoicingPlugin).IsAssignableFrom(type)
                    && type.GetConstructor(Type.EmptyTypes) is not null)
                {
                    yield return type;
                }
            }
        }
    }
}

public sealed class PrincipalVoicing : IVoicingPlugin
{
    public string StopName => "Principal 8'";

    public double SuggestCutUp(double pipeDiameterMm, int midiNote) => pipeDiameterMm * 0.25;
}

public sealed class ScaleBatchJob
{
    public IReadOnlyList<double> CutUps(string stop, IEnumerable<(double Diameter, int Note)> pipes)
    {
        var plugin = VoicingPluginRegistry.Find(stop)
            ?? throw new InvalidOperationException($"No voicing plugin for {stop}");

        return pipes.AsParallel().AsOrdered().Select(p => plugin.SuggestCutUp(p.Diameter, p.Note)).ToList();
    }
}
