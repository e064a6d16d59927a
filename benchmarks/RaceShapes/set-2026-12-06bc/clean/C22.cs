using System.Collections.Frozen;

namespace Blind55.Clean.C22;

public sealed record TriageRule(string Species, int Priority, string Team, TimeSpan TargetResponse);

public sealed record HotlineCall(Guid Id, string Species, string Description, bool Injured, string Location);

/// <summary>
/// Static triage rules for the animal rescue hotline, built once when the type is first used
/// and read by every call-handling request afterwards.
/// </summary>
public static class TriageRegistry
{
    private static readonly FrozenDictionary<string, TriageRule> Rules = BuildRules();

    private static readonly TriageRule Fallback = new("unknown", 3, "general", TimeSpan.FromHours(4));

    public static TriageRule For(string species) =>
        Rules.TryGetValue(species, out var rule) ? rule : Fallback;

    public static IEnumerable<string> KnownSpecies => Rules.Keys;

    private static FrozenDictionary<string, TriageRule> BuildRules()
    {
        var rules = new Dictionary<string, TriageRule>(StringComparer.OrdinalIgnoreCase)
        {
            ["dog"] = new("dog", 2, "domestic", TimeSpan.FromHours(2)),
            ["cat"] = new("cat", 2, "domestic", TimeSpan.FromHours(2)),
            ["swan"] = new("swan", 1, "waterfowl", TimeSpan.FromMinutes(45)),
            ["deer"] = new("deer", 1, "large-wildlife", TimeSpan.FromMinutes(60)),
            ["hedgehog"] = new("hedgehog", 2, "small-wildlife", TimeSpan.FromHours(3)),
            ["seal"] = new("seal", 1, "marine", TimeSpan.FromMinutes(90)),
        };

        return rules.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}

public sealed record TriageDecision(Guid CallId, string Team, int Priority, DateTime RespondBy);

/// <summary>Scoped service used by the hotline operators' call screen.</summary>
public sealed class CallTriageService
{
    public TriageDecision Triage(HotlineCall call, DateTime receivedAt)
    {
        var rule = TriageRegistry.For(call.Species);
        int priority = call.Injured ? Math.Max(1, rule.Priority - 1) : rule.Priority;
        var target = call.Injured ? rule.TargetResponse / 2 : rule.TargetResponse;
        return new TriageDecision(call.Id, rule.Team, priority, receivedAt + target);
    }

    public async Task<IReadOnlyList<TriageDecision>> TriageBacklogAsync(IEnumerable<HotlineCall> calls, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var decisions = await Task.WhenAll(calls.Select(c => Task.Run(() => Triage(c, now), ct)));
        return decisions.OrderBy(d => d.Priority).ThenBy(d => d.RespondBy).ToList();
    }
}
