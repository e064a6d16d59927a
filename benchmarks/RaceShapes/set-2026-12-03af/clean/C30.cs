namespace Blind32.HurdyGurdy.Wheels;

public sealed record WheelProfile(string Model, double DiameterMm, double RosinGrade, int RecommendedRpm);

/// <summary>
/// Reference table of wheel profiles for the hurdy-gurdy models the workshop
/// builds. Used by the build-sheet generator and the customer configurator,
/// both of which read it from many threads. The table is parsed on first use.
/// </summary>
public sealed class WheelProfileTable
{
    private readonly Func<IEnumerable<string>> _readLines;
    private Dictionary<string, WheelProfile>? _profiles;
    private object? _initLock;
    private bool _initialized;

    public WheelProfileTable(Func<IEnumerable<string>> readLines) => _readLines = readLines;

    private Dictionary<string, WheelProfile> Profiles =>
        LazyInitializer.EnsureInitialized(ref _profiles, ref _initialized, ref _initLock, Parse)!;

    public WheelProfile? Find(string model) => Profiles.TryGetValue(model, out var profile) ? profile : null;

    public IReadOnlyList<string> Models => Profiles.Keys.OrderBy(k => k).ToList();

    private Dictionary<string, WheelProfile> Parse()
    {
        var result = new Dictionary<string, WheelProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in _readLines())
        {
            var fields = line.Split(';');
            if (fields.Length != 4)
                continue;
            if (double.TryParse(fields[1], out var diameter) &&
                double.TryParse(fields[2], out var rosin) &&
                int.TryParse(fields[3], out var rpm))
            {
                result[fields[0].Trim()] = new WheelProfile(fields[0].Trim(), diameter, rosin, rpm);
            }
        }
        return result;
    }
}

/// <summary>Generates build sheets for a batch of orders in parallel.</summary>
public sealed class BuildSheetGenerator
{
    private readonly WheelProfileTable _table;

    public BuildSheetGenerator(WheelProfileTable table) => _table = table;

    public string[] Generate(IReadOnlyList<(string Customer, string Model)> orders)
    {
        return orders
            .AsParallel()
            .AsOrdered()
            .Select(order =>
            {
                var profile = _table.Find(order.Model);
                return profile is null
                    ? $"{order.Customer}: unknown model {order.Model}"
                    : $"{order.Customer}: {profile.Model}, wheel {profile.DiameterMm} mm, {profile.RecommendedRpm} rpm";
            })
            .ToArray();
    }
}
