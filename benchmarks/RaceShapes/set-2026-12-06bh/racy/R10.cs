using System.Reflection;

namespace Blind60.PuppetTheatre.Cues;

public interface ICue
{
    string Scene { get; }
}

public sealed record LightingCue(string Scene, int Channel, byte Level) : ICue;
public sealed record MarionetteCue(string Scene, string Puppet, string Move) : ICue;

/// <summary>
/// Per-cue-type list of handlers. Plugins register handlers at start-up and the
/// show controller looks them up when a cue fires.
/// </summary>
public static class CueHandlerRegistry<TCue> where TCue : ICue
{
    private static readonly List<Func<TCue, Task>> s_handlers = new();

    public static void Register(Func<TCue, Task> handler) => s_handlers.Add(handler);

    public static IReadOnlyList<Func<TCue, Task>> Handlers => s_handlers;
}

public interface IShowPlugin
{
    string Name { get; }
    Task InitialiseAsync(CancellationToken ct);
}

public sealed class StageLightsPlugin : IShowPlugin
{
    public string Name => "Stage lights";

    public async Task InitialiseAsync(CancellationToken ct)
    {
        await Task.Delay(25, ct); // talks to the DMX bridge
        CueHandlerRegistry<LightingCue>.Register(cue => Task.CompletedTask);
    }
}

public sealed class FollowSpotPlugin : IShowPlugin
{
    public string Name => "Follow spot";

    public async Task InitialiseAsync(CancellationToken ct)
    {
        await Task.Delay(10, ct);
        CueHandlerRegistry<LightingCue>.Register(cue => Task.CompletedTask);
    }
}

public sealed class RiggingPlugin : IShowPlugin
{
    public string Name => "Marionette rigging";

    public Task InitialiseAsync(CancellationToken ct)
    {
        CueHandlerRegistry<MarionetteCue>.Register(cue => Task.CompletedTask);
        return Task.CompletedTask;
    }
}

/// <summary>Discovers plugins in the show assembly and starts them together.</summary>
public static class ShowPluginLoader
{
    public static async Task<IReadOnlyList<string>> LoadAllAsync(Assembly assembly, CancellationToken ct)
    {
        var plugins = assembly.GetTypes()
            .Where(t => typeof(IShowPlugin).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
            .Select(t => (IShowPlugin)Activator.CreateInstance(t)!)
            .ToList();

        await Task.WhenAll(plugins.Select(p => Task.Run(() => p.InitialiseAsync(ct), ct)));
        return plugins.Select(p => p.Name).ToList();
    }

    public static async Task FireAsync<TCue>(TCue cue) where TCue : ICue
    {
        foreach (var handler in CueHandlerRegistry<TCue>.Handlers)
        {
            await handler(cue);
        }
    }
}
