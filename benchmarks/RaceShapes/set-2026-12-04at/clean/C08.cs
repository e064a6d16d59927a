using System.Collections.ObjectModel;
using System.Reflection;

namespace Blind46.PuppetTheatre.Effects;

public interface IStageEffect
{
    string Name { get; }

    Task TriggerAsync(CancellationToken ct);
}

/// <summary>
/// Loads stage-effect plugins (smoke, shadow lamps, thunder sheet motors) the first
/// time an effect is requested. The cue runner and the rehearsal console look effects
/// up from their own threads.
/// </summary>
public static class StageEffectCatalog
{
    private static IReadOnlyDictionary<string, IStageEffect>? s_effects;
    private static object? s_initLock;
    private static bool s_initialized;

    public static IStageEffect? Find(string name)
    {
        var effects = LazyInitializer.EnsureInitialized(ref s_effects, ref s_initialized, ref s_initLock, Load)!;
        return effects.TryGetValue(name, out var effect) ? effect : null;
    }

    public static IReadOnlyCollection<string> Names =>
        LazyInitializer.EnsureInitialized(ref s_effects, ref s_initialized, ref s_initLock, Load)!.Keys.ToArray();

    private static IReadOnlyDictionary<string, IStageEffect> Load()
    {
        var map = new Dictionary<string, IStageEffect>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in typeof(StageEffectCatalog).Assembly.GetTypes())
        {
            if (!type.IsClass || type.IsAbstract || !typeof(IStageEffect).IsAssignableFrom(type))
                continue;
            if (type.GetConstructor(Type.EmptyTypes) is null)
                continue;

            var effect = (IStageEffect)Activator.CreateInstance(type)!;
            map[effect.Name] = effect;
        }

        return new ReadOnlyDictionary<string, IStageEffect>(map);
    }
}

public sealed class ThunderSheet : IStageEffect
{
    public string Name => "thunder";

    public Task TriggerAsync(CancellationToken ct) => Task.Delay(50, ct);
}

public sealed class ShadowLamp : IStageEffect
{
    public string Name => "shadow-lamp";

    public Task TriggerAsync(CancellationToken ct) => Task.CompletedTask;
}

public sealed class CueRunner
{
    public async Task RunAsync(IEnumerable<(TimeSpan At, string Effect)> cues, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var pending = new List<Task>();
        foreach (var (at, effectName) in cues.OrderBy(c => c.At))
        {
            var wait = at - (DateTime.UtcNow - started);
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, ct).ConfigureAwait(false);

            if (StageEffectCatalog.Find(effectName) is { } effect)
                pending.Add(effect.TriggerAsync(ct));
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }
}
