using Microsoft.Extensions.Options;

namespace Blind32.Fencing.Bouts;

public sealed class BoutOptions
{
    public int PoolTouches { get; set; } = 5;
    public int DirectEliminationTouches { get; set; } = 15;
    public int PoolMinutes { get; set; } = 3;
    public int DirectEliminationPeriods { get; set; } = 3;
    public string[] Weapons { get; set; } = { "foil", "epee", "sabre" };
}

/// <summary>Rules derived from the options; built once per configuration change.</summary>
public sealed class BoutRules
{
    public BoutRules(BoutOptions options)
    {
        PoolTouches = options.PoolTouches;
        DirectEliminationTouches = options.DirectEliminationTouches;
        PoolTime = TimeSpan.FromMinutes(options.PoolMinutes);
        DirectEliminationTime = TimeSpan.FromMinutes(3 * options.DirectEliminationPeriods);
        Weapons = new HashSet<string>(options.Weapons, StringComparer.OrdinalIgnoreCase);
    }

    public int PoolTouches { get; }
    public int DirectEliminationTouches { get; }
    public TimeSpan PoolTime { get; }
    public TimeSpan DirectEliminationTime { get; }
    public IReadOnlySet<string> Weapons { get; }
}

/// <summary>
/// Provides the current bout rules to the scoring boxes and the referee app.
/// Singleton; <see cref="Current"/> is read by every scoring request, and the
/// rules are rebuilt whenever the club secretary edits the configuration.
/// </summary>
public sealed class BoutRulesProvider : IDisposable
{
    private readonly IDisposable? _subscription;
    private volatile BoutRules _current;
    private int _reloads;

    public BoutRulesProvider(IOptionsMonitor<BoutOptions> monitor)
    {
        _current = new BoutRules(monitor.CurrentValue);
        _subscription = monitor.OnChange(OnOptionsChanged);
    }

    public BoutRules Current => _current;

    public int Reloads => Volatile.Read(ref _reloads);

    private void OnOptionsChanged(BoutOptions options, string? name)
    {
        _current = new BoutRules(options);
        Interlocked.Increment(ref _reloads);
    }

    public void Dispose() => _subscription?.Dispose();
}

/// <summary>Scores a bout using one consistent set of rules throughout.</summary>
public sealed class ScoringBox
{
    private readonly BoutRulesProvider _rules;

    public ScoringBox(BoutRulesProvider rules) => _rules = rules;

    public bool IsBoutOver(string weapon, bool directElimination, int leftTouches, int rightTouches, TimeSpan elapsed)
    {
        var rules = _rules.Current;
        if (!rules.Weapons.Contains(weapon))
            throw new ArgumentException($"unknown weapon {weapon}", nameof(weapon));

        var target = directElimination ? rules.DirectEliminationTouches : rules.PoolTouches;
        var limit = directElimination ? rules.DirectEliminationTime : rules.PoolTime;
        return Math.Max(leftTouches, rightTouches) >= target || elapsed >= limit;
    }
}
