using System.Collections.Frozen;

namespace Blind51.StainedGlass.Kilns;

/// <summary>
/// Feature switches for the studio's kiln scheduling service. Request handlers read the
/// switches on every request; admins and the configuration reloader change them.
/// Registered as an app-wide singleton.
/// </summary>
public sealed class KilnFeatureSwitches
{
    private readonly object _writeLock = new();
    private volatile FrozenDictionary<string, bool> _switches;

    public KilnFeatureSwitches(IDictionary<string, bool> defaults)
    {
        _switches = defaults.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public bool IsOn(string name) => _switches.TryGetValue(name, out var on) && on;

    public IReadOnlyDictionary<string, bool> Current => _switches;

    public void Set(string name, bool on)
    {
        lock (_writeLock)
        {
            var copy = new Dictionary<string, bool>(_switches, StringComparer.OrdinalIgnoreCase)
            {
                [name] = on,
            };
            _switches = copy.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }
    }

    public bool Toggle(string name)
    {
        lock (_writeLock)
        {
            bool next = !IsOn(name);
            Set(name, next);
            return next;
        }
    }

    public void Replace(IReadOnlyDictionary<string, bool> fromConfig)
    {
        lock (_writeLock)
        {
            var copy = new Dictionary<string, bool>(_switches, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in fromConfig) copy[key] = value;
            _switches = copy.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }
    }
}

/// <summary>
/// Chooses a firing schedule for a glass panel, honouring the feature switches.
/// </summary>
public sealed class FiringPlanner
{
    private readonly KilnFeatureSwitches _switches;

    public FiringPlanner(KilnFeatureSwitches switches) => _switches = switches;

    public IReadOnlyList<string> Plan(string panelId, bool hasPaintedDetail)
    {
        var steps = new List<string> { $"{panelId}: ramp to 520C" };

        if (hasPaintedDetail)
            steps.Add(_switches.IsOn("two-stage-paint-firing") ? "fire grisaille at 620C, then silver stain at 580C" : "fire grisaille at 620C");

        steps.Add(_switches.IsOn("slow-anneal") ? "anneal 4h" : "anneal 2h");
        return steps;
    }
}
