namespace Blind35.PewterCasting.Moulds;

public sealed record Mould(string Code, string Item, int CavityGrams, int CoolingSeconds);

public interface IMouldInventory
{
    IReadOnlyList<Mould> ReadAll();
}

/// <summary>
/// Mould catalog for the casting floor. One instance is shared by all casting stations; the
/// inventory file is read on first use.
/// </summary>
public sealed class MouldCatalog
{
    private readonly IMouldInventory _inventory;
    private IReadOnlyDictionary<string, Mould>? _byCode;
    private bool _initialized;
    private object? _initLock;

    public MouldCatalog(IMouldInventory inventory) => _inventory = inventory;

    private IReadOnlyDictionary<string, Mould> Moulds =>
        LazyInitializer.EnsureInitialized(ref _byCode, ref _initialized, ref _initLock, Load)!;

    private IReadOnlyDictionary<string, Mould> Load()
    {
        var map = new Dictionary<string, Mould>(StringComparer.OrdinalIgnoreCase);
        foreach (var mould in _inventory.ReadAll())
        {
            map[mould.Code] = mould;
        }

        return map;
    }

    public Mould Get(string code) =>
        Moulds.TryGetValue(code, out var mould) ? mould : throw new KeyNotFoundException(code);

    public int MetalNeededGrams(IEnumerable<(string Code, int Pours)> plan) =>
        plan.Sum(p => Get(p.Code).CavityGrams * p.Pours);
}

/// <summary>One casting station; stations run their pour plans on separate threads.</summary>
public sealed class CastingStation
{
    private readonly MouldCatalog _catalog;
    private readonly string _name;

    public CastingStation(string name, MouldCatalog catalog)
    {
        _name = name;
        _catalog = catalog;
    }

    public TimeSpan EstimateShift(IEnumerable<(string Code, int Pours)> plan)
    {
        var seconds = 0;
        foreach (var (code, pours) in plan)
        {
            var mould = _catalog.Get(code);
            seconds += pours * (mould.CoolingSeconds + 20);
        }

        return TimeSpan.FromSeconds(seconds);
    }

    public override string ToString() => _name;

    public static async Task<TimeSpan> LongestShiftAsync(MouldCatalog catalog, IReadOnlyList<IEnumerable<(string, int)>> plans)
    {
        var shifts = await Task.WhenAll(plans.Select((plan, i) =>
            Task.Run(() => new CastingStation($"station-{i + 1}", catalog).EstimateShift(plan))));
        return shifts.DefaultIfEmpty().Max();
    }
}
