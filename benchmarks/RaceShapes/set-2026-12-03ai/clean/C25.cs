using Microsoft.Extensions.Options;

namespace Blind35.Sandcastles.Judging;

public sealed class ContestOptions
{
    public int MaxHeightCm { get; set; } = 180;
    public int BuildMinutes { get; set; } = 150;
    public List<string> AllowedTools { get; set; } = new() { "spade", "bucket", "trowel", "straw" };
}

/// <summary>
/// Immutable view of the contest rules, rebuilt whenever the options file changes.
/// </summary>
public sealed record ContestRules(int MaxHeightCm, TimeSpan BuildTime, IReadOnlySet<string> AllowedTools)
{
    public static ContestRules From(ContestOptions o) =>
        new(o.MaxHeightCm, TimeSpan.FromMinutes(o.BuildMinutes),
            new HashSet<string>(o.AllowedTools, StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// Checks entries against the current contest rules. Singleton; the marshals' app calls it
/// from many requests while the organisers edit the rules file during the day.
/// </summary>
public sealed class EntryInspector : IDisposable
{
    private readonly IDisposable? _subscription;
    private ContestRules _rules;

    public EntryInspector(IOptionsMonitor<ContestOptions> options)
    {
        _rules = ContestRules.From(options.CurrentValue);
        _subscription = options.OnChange(OnOptionsChanged);
    }

    public ContestRules Rules => Volatile.Read(ref _rules);

    private void OnOptionsChanged(ContestOptions updated, string? name)
    {
        Volatile.Write(ref _rules, ContestRules.From(updated));
    }

    public IReadOnlyList<string> Inspect(int heightCm, TimeSpan buildTime, IEnumerable<string> toolsUsed)
    {
        var rules = Rules;
        var problems = new List<string>();

        if (heightCm > rules.MaxHeightCm)
        {
            problems.Add($"height {heightCm} cm exceeds {rules.MaxHeightCm} cm");
        }

        if (buildTime > rules.BuildTime)
        {
            problems.Add($"built in {buildTime.TotalMinutes:F0} min, limit {rules.BuildTime.TotalMinutes:F0} min");
        }

        problems.AddRange(toolsUsed
            .Where(t => !rules.AllowedTools.Contains(t))
            .Select(t => $"tool not allowed: {t}"));

        return problems;
    }

    public void Dispose() => _subscription?.Dispose();
}
