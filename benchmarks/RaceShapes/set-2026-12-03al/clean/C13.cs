using System.Collections.Concurrent;

namespace Blind38.Foraging.Identification;

public sealed record Lookalike(string Species, string DangerousTwin, string Distinguish);

/// <summary>
/// Warns foragers about dangerous lookalikes when they log a find. The lookup table is
/// loaded on first use from the guide text and then shared read-only by all parsers.
/// </summary>
public sealed class LookalikeWarnings
{
    private readonly Func<IEnumerable<string>> _loadGuide;
    private Dictionary<string, List<Lookalike>>? _bySpecies;

    public LookalikeWarnings(Func<IEnumerable<string>> loadGuide)
    {
        _loadGuide = loadGuide;
    }

    public IReadOnlyList<Lookalike> For(string species)
    {
        var table = LazyInitializer.EnsureInitialized(ref _bySpecies, Build);
        return table.TryGetValue(species, out var list) ? list : Array.Empty<Lookalike>();
    }

    private Dictionary<string, List<Lookalike>> Build()
    {
        var table = new Dictionary<string, List<Lookalike>>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in _loadGuide())
        {
            var parts = line.Split('\t');
            if (parts.Length != 3)
            {
                continue;
            }

            var entry = new Lookalike(parts[0], parts[1], parts[2]);
            if (!table.TryGetValue(entry.Species, out var list))
            {
                table[entry.Species] = list = new List<Lookalike>();
            }

            list.Add(entry);
        }

        return table;
    }
}

/// <summary>Checks a day's logged finds from every forager in the group.</summary>
public sealed class FindsChecker
{
    private readonly LookalikeWarnings _warnings;

    public FindsChecker(LookalikeWarnings warnings)
    {
        _warnings = warnings;
    }

    public IReadOnlyDictionary<string, string[]> Check(IReadOnlyDictionary<string, string[]> findsByForager)
    {
        var flagged = new ConcurrentDictionary<string, string[]>();
        Parallel.ForEach(findsByForager, pair =>
        {
            var messages = pair.Value
                .SelectMany(species => _warnings.For(species))
                .Select(l => $"{l.Species}: check it is not {l.DangerousTwin} ({l.Distinguish})")
                .ToArray();
            if (messages.Length > 0)
            {
                flagged[pair.Key] = messages;
            }
        });
        return flagged;
    }
}
