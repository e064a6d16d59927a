namespace CourierFleet.Planning;

public sealed record Parcel(string Id, string Postcode, double WeightKg);

public sealed record VanLoad(string VanId, IReadOnlyList<Parcel> Parcels, double TotalKg, int Drops);

/// <summary>
/// Assembles one van's load, keeping within the payload limit.
/// </summary>
public sealed class VanLoadBuilder
{
    private readonly string _vanId;
    private readonly double _maxKg;
    private readonly List<Parcel> _parcels = new();
    private readonly HashSet<string> _drops = new(StringComparer.OrdinalIgnoreCase);
    private double _totalKg;

    public VanLoadBuilder(string vanId, double maxKg)
    {
        _vanId = vanId;
        _maxKg = maxKg;
    }

    public bool TryAdd(Parcel parcel)
    {
        if (_totalKg + parcel.WeightKg > _maxKg)
        {
            return false;
        }
        _parcels.Add(parcel);
        _drops.Add(parcel.Postcode);
        _totalKg += parcel.WeightKg;
        return true;
    }

    public VanLoad Build() => new(_vanId, _parcels.OrderBy(p => p.Postcode).ToList(), _totalKg, _drops.Count);
}

/// <summary>
/// Splits the day's parcels by delivery area and builds every van's load in parallel.
/// </summary>
public sealed class DepotLoadPlanner
{
    private readonly IReadOnlyDictionary<string, string> _vanByArea;
    private readonly double _vanCapacityKg;

    public DepotLoadPlanner(IReadOnlyDictionary<string, string> vanByArea, double vanCapacityKg)
    {
        _vanByArea = vanByArea;
        _vanCapacityKg = vanCapacityKg;
    }

    public (IReadOnlyList<VanLoad> Loads, IReadOnlyList<Parcel> Unassigned) Plan(IEnumerable<Parcel> parcels)
    {
        var groups = parcels
            .GroupBy(p => _vanByArea.TryGetValue(Area(p.Postcode), out var van) ? van : "UNASSIGNED")
            .ToList();

        var results = groups
            .AsParallel()
            .Where(g => g.Key != "UNASSIGNED")
            .Select(g =>
            {
                var builder = new VanLoadBuilder(g.Key, _vanCapacityKg);
                var overflow = new List<Parcel>();
                foreach (var parcel in g.OrderByDescending(p => p.WeightKg))
                {
                    if (!builder.TryAdd(parcel))
                    {
                        overflow.Add(parcel);
                    }
                }
                return (Load: builder.Build(), Overflow: overflow);
            })
            .ToList();

        var unassigned = groups.Where(g => g.Key == "UNASSIGNED").SelectMany(g => g)
            .Concat(results.SelectMany(r => r.Overflow))
            .ToList();

        return (results.Select(r => r.Load).OrderBy(l => l.VanId).ToList(), unassigned);
    }

    private static string Area(string postcode)
    {
        var outward = postcode.Split(' ')[0];
        return new string(outward.TakeWhile(char.IsLetter).ToArray()).ToUpperInvariant();
    }
}
