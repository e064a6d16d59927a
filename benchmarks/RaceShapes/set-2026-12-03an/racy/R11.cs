using System.Reflection;

namespace Blind40.PipeOrganBuilders.Voicing;

[AttributeUsage(AttributeTargets.Class)]
public sealed class VoicingPluginAttribute : Attribute
{
    public VoicingPluginAttribute(string name) => Name = name;

    public string Name { get; }
}

public interface IVoicingPlugin
{
    double AdjustCutUp(double pipeDiameterMm, int midiNote);
}

/// <summary>
/// Finds and instantiates voicing plugins (reed, flue, string stops) for a
/// voicing session. Each open organ project has its own loader; projects are
/// voiced concurrently by the batch tool. Resolved plugin types are cached for
/// the lifetime of the process, since scanning assemblies is slow.
/// </summary>
public sealed class VoicingPluginLoader
{
    private static readonly Dictionary<string, Type> s_pluginTypes = new(StringComparer.OrdinalIgnoreCase);

    private readonly string _projectName;
    private readonly List<IVoicingPlugin> _created = new();

    public VoicingPluginLoader(string projectName)
    {
        _projectName = projectName;
    }

    public IReadOnlyList<IVoicingPlugin> Created
    {
        get
        {
            lock (this)
            {
                return _created.ToArray();
            }
        }
    }

    public IVoicingPlugin Create(string pluginName)
    {
        lock (this)
        {
            if (!s_pluginTypes.TryGetValue(pluginName, out var type))
            {
                type = Resolve(pluginName)
                    ?? throw new InvalidOperationException($"{_projectName}: no voicing plugin named '{pluginName}'.");
                s_pluginTypes[pluginName] = type;
            }

            var plugin = (IVoicingPlugin)Activator.CreateInstance(type)!;
            _created.Add(plugin);
            return plugin;
        }
    }

    private static Type? Resolve(string pluginName)
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
                var attr = type.GetCustomAttribute<VoicingPluginAttribute>();
                if (attr is not null && string.Equals(attr.Name, pluginName, StringComparison.OrdinalIgnoreCase)
                    && typeof(IVoicingPlugin).IsAssignableFrom(type))
                {
                    return type;
                }
            }
        }
        return null;
    }
}

[VoicingPlugin("flue")]
public sealed class FlueVoicing : IVoicingPlugin
{
    public double AdjustCutUp(double pipeDiameterMm, int midiNote) => pipeDiameterMm * (midiNote < 60 ? 0.25 : 0.22);
}

public static class BatchVoicer
{
    public static void VoiceAll(IEnumerable<string> projects) =>
        Parallel.ForEach(projects, project =>
        {
            var loader = new VoicingPluginLoader(project);
            var flue = loader.Create("flue");
            _ = flue.AdjustCutUp(42.0, 48);
        });
}
