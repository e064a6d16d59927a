namespace Blind24.StargazingClub;

public sealed record TelescopeSpec(string Name, int ApertureMm, int FocalLengthMm, string Mount);

/// <summary>
/// The club's telescope inventory, read from the equipment spreadsheet the first
/// time anyone asks for it. Booking pages on the club website use it from many
/// request threads.
/// </summary>
public sealed class TelescopeInventory
{
    private static readonly object InitLock = new();
    private static volatile TelescopeInventory? _instance;
    private static Func<IEnumerable<string>> _csvSource = () => Array.Empty<string>();

    private readonly Dictionary<string, TelescopeSpec> _byName;

    private TelescopeInventory(Dictionary<string, TelescopeSpec> byName) => _byName = byName;

    public static void Configure(Func<IEnumerable<string>> csvSource)
    {
        lock (InitLock)
        {
            _csvSource = csvSource;
        }
    }

    public static TelescopeInventory Instance
    {
        get
        {
            var existing = _instance;
            if (existing is not null)
            {
                return existing;
            }

            lock (InitLock)
            {
                if (_instance is null)
                {
                    var map = new Dictionary<string, TelescopeSpec>(StringComparer.OrdinalIgnoreCase);
                    foreach (var line in _csvSource().Skip(1))
                    {
                        var cols = line.Split(',');
                        if (cols.Length >= 4 && int.TryParse(cols[1], out var ap) && int.TryParse(cols[2], out var fl))
                        {
                            map[cols[0]] = new TelescopeSpec(cols[0], ap, fl, cols[3]);
                        }
                    }

                    _instance = new TelescopeInventory(map);
                }

                return _instance;
            }
        }
    }

    public TelescopeSpec? Find(string name) => _byName.TryGetValue(name, out var spec) ? spec : null;

    public IEnumerable<TelescopeSpec> SuitableFor(double minFocalRatio) =>
        _byName.Values.Where(t => (double)t.FocalLengthMm / t.ApertureMm >= minFocalRatio);
}

/// <summary>Helps members pick a scope for a target.</summary>
public sealed class ScopeAdvisor
{
    public string Advise(string target)
    {
        var inventory = TelescopeInventory.Instance;
        bool planetary = target is "Jupiter" or "Saturn" or "Mars" or "Moon";
        var pick = planetary
            ? inventory.SuitableFor(8).OrderByDescending(t => t.ApertureMm).FirstOrDefault()
            : inventory.SuitableFor(0).OrderByDescending(t => t.ApertureMm).ThenBy(t => t.FocalLengthMm).FirstOrDefault();
        return pick is null ? "No telescope available" : $"Use {pick.Name} ({pick.ApertureMm} mm, {pick.Mount})";
    }
}
