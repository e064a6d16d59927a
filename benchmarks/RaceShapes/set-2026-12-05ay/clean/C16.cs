namespace Blind51.GreenhouseNurseries.Propagation;

public sealed record PropagationRecipe(string Species, string Medium, double BottomHeatC, int MistIntervalMinutes);

/// <summary>
/// Looks up propagation recipes for cuttings by species name, accepting loose spellings from
/// the potting bench scanners, remembering how each spelling resolved. Registered as a
/// singleton used by every bench.
/// </summary>
public sealed class PropagationRecipeBook : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, PropagationRecipe> _recipes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _spellings = new(StringComparer.OrdinalIgnoreCase);

    public PropagationRecipe? Lookup(string spelling)
    {
        _lock.EnterReadLock();
        try
        {
            if (_spellings.TryGetValue(spelling, out var known))
                return _recipes.GetValueOrDefault(known);
        }
        finally
        {
            _lock.ExitReadLock();
        }

        _lock.EnterUpgradeableReadLock();
        try
        {
            if (!_spellings.TryGetValue(spelling, out var species))
            {
                species = Canonical(spelling);
                _lock.EnterWriteLock();
                try
                {
                    _spellings[spelling] = species;
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }

            return _recipes.GetValueOrDefault(species);
        }
        finally
        {
            _lock.ExitUpgradeableReadLock();
        }
    }

    public void Save(PropagationRecipe recipe)
    {
        _lock.EnterWriteLock();
        try
        {
            _recipes[recipe.Species] = recipe;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    private static string Canonical(string spelling)
    {
        var words = spelling.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return string.Empty;
        var genus = char.ToUpperInvariant(words[0][0]) + words[0][1..].ToLowerInvariant();
        return words.Length == 1 ? genus : genus + " " + string.Join(' ', words.Skip(1)).ToLowerInvariant();
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>
/// Sets the heated bench for a tray of cuttings.
/// </summary>
public sealed class HeatedBenchController
{
    private readonly PropagationRecipeBook _book;
    private readonly Action<int, double, int> _applySettings;

    public HeatedBenchController(PropagationRecipeBook book, Action<int, double, int> applySettings)
    {
        _book = book;
        _applySettings = applySettings;
    }

    public bool TrayPlaced(int bench, string scannedSpecies)
    {
        var recipe = _book.Lookup(scannedSpecies);
        if (recipe is null) return false;
        _applySettings(bench, recipe.BottomHeatC, recipe.MistIntervalMinutes);
        return true;
    }
}
