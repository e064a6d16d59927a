using System.Collections.Frozen;

namespace Blind27.Lacrosse.Officiating;

public sealed record PenaltyCall(string GameId, string Player, string Infraction, int Minute);

public interface IPenaltyHandler
{
    string Infraction { get; }
    TimeSpan Duration(PenaltyCall call);
    bool Releasable { get; }
}

public sealed class SlashingHandler : IPenaltyHandler
{
    public string Infraction => "slashing";
    public TimeSpan Duration(PenaltyCall call) => TimeSpan.FromMinutes(1);
    public bool Releasable => false;
}

public sealed class OffsidesHandler : IPenaltyHandler
{
    public string Infraction => "offsides";
    public TimeSpan Duration(PenaltyCall call) => TimeSpan.FromSeconds(30);
    public bool Releasable => true;
}

/// <summary>
/// Registry mapping infractions to their penalty handlers. Every game's scorer table
/// looks up handlers through the same instance.
/// </summary>
public sealed class PenaltyHandlerRegistry
{
    private readonly FrozenDictionary<string, IPenaltyHandler> _handlers;

    public PenaltyHandlerRegistry(IEnumerable<IPenaltyHandler> handlers)
    {
        _handlers = handlers.ToFrozenDictionary(h => h.Infraction, StringComparer.OrdinalIgnoreCase);
    }

    public IPenaltyHandler? Find(string infraction) =>
        _handlers.TryGetValue(infraction, out var handler) ? handler : null;

    public IReadOnlyCollection<string> KnownInfractions => _handlers.Keys;
}

/// <summary>One scorer's table; many games run at once on the league server.</summary>
public sealed class ScorerTable
{
    private readonly PenaltyHandlerRegistry _registry;
    private readonly List<(PenaltyCall Call, TimeSpan Duration)> _served = new();

    public ScorerTable(PenaltyHandlerRegistry registry) => _registry = registry;

    public TimeSpan Assess(PenaltyCall call)
    {
        var handler = _registry.Find(call.Infraction)
            ?? throw new ArgumentException($"Unknown infraction '{call.Infraction}'.", nameof(call));
        var duration = handler.Duration(call);
        _served.Add((call, duration));
        return duration;
    }

    public static Task<TimeSpan[]> AssessGamesAsync(PenaltyHandlerRegistry registry, IEnumerable<IReadOnlyList<PenaltyCall>> games) =>
        Task.WhenAll(games.Select(calls => Task.Run(() =>
        {
            var table = new ScorerTable(registry);
            var total = TimeSpan.Zero;
            foreach (var call in calls)
            {
                total += table.Assess(call);
            }
            return total;
        })));
}
