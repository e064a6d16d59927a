namespace Blind32.Meadery.Recipes;

public sealed record MeadRecipe(string Name, double HoneyKgPerLitre, string Yeast, int FermentDays);

public interface IRecipeStore
{
    MeadRecipe Load(string name);
}

/// <summary>
/// In-memory cache of mead recipes in front of the recipe database. Used by the
/// batch planner, the label printer and the tasting-room site, all of which
/// call <see cref="Get"/> concurrently; recipes are edited rarely.
/// </summary>
public sealed class RecipeCache : IDisposable
{
    private readonly IRecipeStore _store;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, MeadRecipe> _recipes = new(StringComparer.OrdinalIgnoreCase);

    public RecipeCache(IRecipeStore store) => _store = store;

    public MeadRecipe Get(string name)
    {
        _lock.EnterReadLock();
        try
        {
            if (_recipes.TryGetValue(name, out var recipe))
                return recipe;

            recipe = _store.Load(name);
            _recipes[name] = recipe;
            return recipe;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Invalidate(string name)
    {
        _lock.EnterWriteLock();
        try
        {
            _recipes.Remove(name);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _recipes.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>Plans the week's batches from the recipe names on the board.</summary>
public sealed class BatchPlanner
{
    private readonly RecipeCache _cache;

    public BatchPlanner(RecipeCache cache) => _cache = cache;

    public double HoneyNeededKg(IEnumerable<(string Recipe, double Litres)> batches) =>
        batches.AsParallel().Sum(b => _cache.Get(b.Recipe).HoneyKgPerLitre * b.Litres);
}
