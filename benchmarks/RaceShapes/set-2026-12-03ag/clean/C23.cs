using System.Collections.Immutable;
using System.Reflection;

namespace PuppetFestival.Plugins;

public interface IStageEffect
{
    string Name { get; }
    void Trigger(string stage);
}

/// <summary>
/// Loads stage-effect plugins (smoke, shadow lamps, marionette hoists) for the
/// festival's show-control app. Plugins are registered at any time by the
/// module scanner and looked up by every running show cue.
/// </summary>
public sealed class StageEffectRegistry
{
    private ImmutableDictionary<string, Lazy<IStageEffect>> _effects =
        ImmutableDictionary.Create<string, Lazy<IStageEffect>>(StringComparer.OrdinalIgnoreCase);

    public bool Register(string name, Func<IStageEffect> factory)
    {
        var lazy = new Lazy<IStageEffect>(factory, LazyThreadSafetyMode.ExecutionAndPublication);
        return ImmutableInterlocked.TryAdd(ref _effects, name, lazy);
    }

    public void Replace(string name, Func<IStageEffect> factory)
    {
        var lazy = new Lazy<IStageEffect>(factory, LazyThreadSafetyMode.ExecutionAndPublication);
        ImmutableInterlocked.Update(ref _effects, (map, item) => map.SetItem(item.name, item.lazy), (name, lazy));
    }

    public bool Unregister(string name) => ImmutableInterlocked.TryRemove(ref _effects, name, out _);

    public bool TryTrigger(string name, string stage)
    {
        var snapshot = Volatile.Read(ref _effects);
        if (!snapshot.TryGetValue(name, out var lazy))
        {
            return false;
        }

        lazy.Value.Trigger(stage);
        return true;
    }

    public IReadOnlyCollection<string> Names => Volatile.Read(ref _effects).Keys.ToList();

    /// <summary>Scans an assembly for effect types with a public parameterless constructor.</summary>
    public int RegisterFrom(Assembly assembly)
    {
        int added = 0;
        foreach (var type in assembly.GetTypes())
        {
            if (type.IsAbstract || !typeof(IStageEffect).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) == null)
            {
                continue;
            }

            if (Register(type.Name, () => (IStageEffect)Activator.CreateInstance(type)!))
            {
                added++;
            }
        }
        return added;
    }
}

public static class ModuleScanner
{
    public static Task<int> ScanAsync(StageEffectRegistry registry, IEnumerable<Assembly> assemblies) =>
        Task.Run(() => assemblies.AsParallel().Sum(registry.RegisterFrom));
}
