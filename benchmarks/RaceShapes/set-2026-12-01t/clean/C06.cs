namespace CitizenScience.BirdCounts;

public sealed record ChecklistEntry(string ObserverId, string SiteCode, string Species, int Count, DateOnly Date);

public sealed record SpeciesTally(string Species, int Individuals, int Checklists);

/// <summary>
/// Aggregates the weekend garden bird survey submissions.
/// </summary>
public sealed class SurveyAggregator
{
    private readonly IReadOnlySet<string> _sensitiveSpecies;

    public SurveyAggregator(IReadOnlySet<string> sensitiveSpecies) => _sensitiveSpecies = sensitiveSpecies;

    public IReadOnlyList<SpeciesTally> Tally(IReadOnlyList<ChecklistEntry> entries, int maxPlausiblePerChecklist = 500)
    {
        var merged = new Dictionary<string, (int Individuals, int Checklists)>(StringComparer.OrdinalIgnoreCase);
        var mergeLock = new object();

        Parallel.ForEach(
            entries,
            () => new Dictionary<string, (int Individuals, int Checklists)>(StringComparer.OrdinalIgnoreCase),
            (entry, _, local) =>
            {
                if (entry.Count <= 0 || entry.Count > maxPlausiblePerChecklist)
                {
                    return local;
                }

                local.TryGetValue(entry.Species, out var t);
                local[entry.Species] = (t.Individuals + entry.Count, t.Checklists + 1);
                return local;
            },
            local =>
            {
                lock (mergeLock)
                {
                    foreach (var (species, t) in local)
                    {
                        merged.TryGetValue(species, out var m);
                        merged[species] = (m.Individuals + t.Individuals, m.Checklists + t.Checklists);
                    }
                }
            });

        return merged
            .Where(kv => !_sensitiveSpecies.Contains(kv.Key))
            .Select(kv => new SpeciesTally(kv.Key, kv.Value.Individuals, kv.Value.Checklists))
            .OrderByDescending(t => t.Individuals)
            .ToList();
    }
}

/// <summary>
/// Command-line entry used by the survey coordinators.
/// </summary>
public static class TallyCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: birdtally <checklists.csv>");
            return 2;
        }

        var entries = File.ReadLines(args[0])
            .Skip(1)
            .Select(l => l.Split(','))
            .Where(p => p.Length == 5)
            .Select(p => new ChecklistEntry(p[0], p[1], p[2], int.Parse(p[3]), DateOnly.Parse(p[4])))
            .ToList();

        var aggregator = new SurveyAggregator(new HashSet<string> { "Goshawk", "Hen Harrier" });
        foreach (var tally in aggregator.Tally(entries).Take(20))
        {
            Console.WriteLine($"{tally.Species,-30}{tally.Individuals,8}{tally.Checklists,8}");
        }
        return 0;
    }
}
