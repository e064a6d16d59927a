namespace Blind30.RosinWorkshop;

public sealed record RosinSample(string Batch, double HardnessShoreD, double ClarityPercent);

/// <summary>A grading rule loaded from a plug-in file in the rules folder.</summary>
public sealed class GradeRule
{
    public GradeRule(string grade, double minHardness, double maxHardness, double minClarity)
    {
        Grade = grade;
        MinHardness = minHardness;
        MaxHardness = maxHardness;
        MinClarity = minClarity;
    }

    public string Grade { get; }
    public double MinHardness { get; }
    public double MaxHardness { get; }
    public double MinClarity { get; }

    public bool Matches(RosinSample s) =>
        s.HardnessShoreD >= MinHardness && s.HardnessShoreD < MaxHardness && s.ClarityPercent >= MinClarity;
}

/// <summary>
/// Hosts the grading rules used on the packing line and reloads them whenever a file
/// in the rules folder changes. The packing stations call <see cref="Grade"/> from
/// their own threads while reloads happen.
/// </summary>
public sealed class GradeRuleHost : IDisposable
{
    private sealed record RuleSet(IReadOnlyList<GradeRule> Rules, int Version);

    private readonly object _reloadLock = new();
    private readonly string _folder;
    private readonly FileSystemWatcher _watcher;
    private volatile RuleSet _current = new(Array.Empty<GradeRule>(), 0);

    public GradeRuleHost(string folder)
    {
        _folder = folder;
        Reload();
        _watcher = new FileSystemWatcher(folder, "*.rule") { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName };
        _watcher.Changed += (_, _) => Reload();
        _watcher.Created += (_, _) => Reload();
        _watcher.Deleted += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
    }

    public int Version => _current.Version;

    public string Grade(RosinSample sample)
    {
        var rules = _current.Rules;
        foreach (var rule in rules)
        {
            if (rule.Matches(sample))
            {
                return rule.Grade;
            }
        }

        return "ungraded";
    }

    public void Reload()
    {
        lock (_reloadLock)
        {
            var rules = new List<GradeRule>();
            foreach (var path in Directory.EnumerateFiles(_folder, "*.rule").OrderBy(p => p))
            {
                try
                {
                    var parts = File.ReadAllText(path).Split(';', StringSplitOptions.TrimEntries);
                    rules.Add(new GradeRule(parts[0], double.Parse(parts[1]), double.Parse(parts[2]), double.Parse(parts[3])));
                }
                catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException)
                {
                    // Half-written files are picked up on the next change notification.
                }
            }

            _current = new RuleSet(rules.ToArray(), _current.Version + 1);
        }
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }
}
