namespace Blind50.Foraging.Toxicity;

public sealed record LookalikeWarning(string Species, string DangerousLookalike, string Distinguishing);

/// <summary>
/// Warns foragers about poisonous lookalikes of the species they record. Each foraging group
/// creates its own checker; the warning table is loaded once and shared by all of them.
/// </summary>
public sealed class LookalikeChecker
{
    private static readonly string s_tablePath = Path.Combine(AppContext.BaseDirectory, "lookalikes.csv");

    private static readonly Lazy<IReadOnlyDictionary<string, LookalikeWarning[]>> s_table =
        new(LoadTable, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly List<string> _warningsIssued = new();

    private static IReadOnlyDictionary<string, LookalikeWarning[]> LoadTable()
    {
        return File.ReadLines(s_tablePath)
            .Select(line => line.Split(';'))
            .Where(p => p.Length == 3)
            .Select(p => new LookalikeWarning(p[0], p[1], p[2]))
            .GroupBy(w => w.Species, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<LookalikeWarning> Check(string species)
    {
        if (!s_table.Value.TryGetValue(species.Trim(), out var warnings))
        {
            return Array.Empty<LookalikeWarning>();
        }

        foreach (var warning in warnings)
        {
            _warningsIssued.Add($"{warning.Species} vs {warning.DangerousLookalike}");
        }

        return warnings;
    }

    public IReadOnlyList<string> WarningsIssued => _warningsIssued.ToArray();
}

/// <summary>Checks the day's finds for every foraging group in parallel.</summary>
public static class DailyFindsReview
{
    public static async Task<IReadOnlyDictionary<string, int>> ReviewAsync(
        IReadOnlyDictionary<string, string[]> findsByGroup)
    {
        var perGroup = await Task.WhenAll(findsByGroup.Select(group => Task.Run(() =>
        {
            var checker = new LookalikeChecker();
            foreach (var species in group.Value)
            {
                checker.Check(species);
            }

            return (Group: group.Key, Warnings: checker.WarningsIssued.Count);
        })));

        return perGroup.ToDictionary(r => r.Group, r => r.Warnings);
    }
}
