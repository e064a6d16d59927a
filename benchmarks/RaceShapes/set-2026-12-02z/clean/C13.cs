namespace Blind26.BellFoundry.Alloys;

public sealed record AlloyRecipe(string Name, double CopperPercent, double TinPercent, int PourTempC);

public interface IAlloyCatalogSource
{
    IReadOnlyList<AlloyRecipe> Load();
}

/// <summary>
/// Provides alloy recipes to the casting planners. The catalogue is loaded on first use;
/// every planner request thread goes through the same provider instance.
/// </summary>
public sealed class AlloyCatalogProvider
{
    private readonly IAlloyCatalogSource _source;
    private Dictionary<string, AlloyRecipe>? _catalog;
    private bool _initialized;
    private object? _initLock;

    public AlloyCatalogProvider(IAlloyCatalogSource source) => _source = source;

    private Dictionary<string, AlloyRecipe> Catalog =>
        LazyInitializer.EnsureInitialized(ref _catalog, ref _initialized, ref _initLock, BuildCatalog)!;

    private Dictionary<string, AlloyRecipe> BuildCatalog()
    {
        var map = new Dictionary<string, AlloyRecipe>(StringComparer.OrdinalIgnoreCase);
        foreach (var recipe in _source.Load())
        {
            map[recipe.Name] = recipe;
        }

        return map;
    }

    public AlloyRecipe? Find(string name) => Catalog.TryGetValue(name, out var r) ? r : null;

    public IReadOnlyList<string> Names() => Catalog.Keys.OrderBy(n => n).ToList();
}

/// <summary>Plans pours for bells of a given weight.</summary>
public sealed class CastingPlanner
{
    private readonly AlloyCatalogProvider _alloys;
    private int _nextPourNumber;

    public CastingPlanner(AlloyCatalogProvider alloys) => _alloys = alloys;

    public PourPlan Plan(string alloyName, double bellKg)
    {
        var recipe = _alloys.Find(alloyName) ?? throw new ArgumentException($"Unknown alloy '{alloyName}'.");
        double meltKg = bellKg * 1.15;
        int pour = Interlocked.Increment(ref _nextPourNumber);
        return new PourPlan(
            pour,
            recipe.Name,
            Math.Round(meltKg * recipe.CopperPercent / 100.0, 1),
            Math.Round(meltKg * recipe.TinPercent / 100.0, 1),
            recipe.PourTempC);
    }
}

public sealed record PourPlan(int PourNumber, string Alloy, double CopperKg, double TinKg, int PourTempC);
