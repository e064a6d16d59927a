namespace Blind22.KiteFestival.FieldZones;

public sealed record WindSample(string Mast, DateTimeOffset At, double Knots, int DirectionDegrees);

public sealed record ZoneRule(string Zone, double MaxKnots, string[] AllowedKiteClasses);

/// <summary>
/// Current flying rules per field zone, recomputed whenever a mast reports. Read on every
/// request from the marshals' app and the public display board, so readers never block;
/// updates from the masts are serialized.
/// </summary>
public sealed class ZoneRuleBoard
{
    private readonly object _writeLock = new();
    private readonly Dictionary<string, string> _mastToZone;
    private IReadOnlyDictionary<string, ZoneRule> _rules;
    private readonly Dictionary<string, WindSample> _latestByMast = new();

    public ZoneRuleBoard(IReadOnlyDictionary<string, string> mastToZone)
    {
        _mastToZone = new Dictionary<string, string>(mastToZone);
        _rules = new Dictionary<string, ZoneRule>();
    }

    public ZoneRule? RuleFor(string zone)
    {
        var rules = Volatile.Read(ref _rules);
        return rules.TryGetValue(zone, out var rule) ? rule : null;
    }

    public IReadOnlyCollection<ZoneRule> AllRules() => Volatile.Read(ref _rules).Values.ToList();

    public void OnSample(WindSample sample)
    {
        if (!_mastToZone.TryGetValue(sample.Mast, out var zone))
        {
            return;
        }

        lock (_writeLock)
        {
            _latestByMast[sample.Mast] = sample;

            var zoneKnots = _latestByMast.Values
                .Where(s => _mastToZone[s.Mast] == zone)
                .Max(s => s.Knots);

            var next = new Dictionary<string, ZoneRule>(_rules)
            {
                [zone] = zoneKnots switch
                {
                    < 8 => new ZoneRule(zone, 8, new[] { "sport", "single-line", "show" }),
                    < 18 => new ZoneRule(zone, 18, new[] { "sport", "single-line" }),
                    < 25 => new ZoneRule(zone, 25, new[] { "sport" }),
                    _ => new ZoneRule(zone, 0, Array.Empty<string>()),
                },
            };

            Volatile.Write(ref _rules, next);
        }
    }
}
