using System.Globalization;

namespace Blind34.PaperMarbling.Size;

public sealed record SizeRecipe(string Name, double CarrageenGramsPerLitre, int RestHours);

/// <summary>
/// Recipes for the carrageenan size baths, read from the studio's recipe file
/// the first time anyone asks. Shared by the bath planner and the order forms.
/// </summary>
public sealed class SizeRecipeBook
{
    private readonly Lazy<IReadOnlyDictionary<string, SizeRecipe>> _recipes;

    public SizeRecipeBook(string path)
    {
        _recipes = new Lazy<IReadOnlyDictionary<string, SizeRecipe>>(
            () => Load(path),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public SizeRecipe? Find(string name) =>
        _recipes.Value.TryGetValue(name, out var recipe) ? recipe : null;

    public IEnumerable<string> Names => _recipes.Value.Keys;

    private static IReadOnlyDictionary<string, SizeRecipe> Load(string path)
    {
        var recipes = new Dictionary<string, SizeRecipe>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(',');
            recipes[parts[0]] = new SizeRecipe(
                parts[0],
                double.Parse(parts[1], CultureInfo.InvariantCulture),
                int.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        return recipes;
    }
}

/// <summary>Works out how much carrageenan each bath needs for the day's orders.</summary>
public sealed class BathPlanner
{
    private readonly SizeRecipeBook _book;

    public BathPlanner(SizeRecipeBook book) => _book = book;

    public async Task<IReadOnlyDictionary<string, double>> PlanAsync(IEnumerable<(string Bath, string Recipe, double Litres)> baths)
    {
        var tasks = baths.Select(b => Task.Run(() =>
        {
            var recipe = _book.Find(b.Recipe);
            return (b.Bath, Grams: recipe == null ? 0 : recipe.CarrageenGramsPerLitre * b.Litres);
        }));
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return results.ToDictionary(r => r.Bath, r => r.Grams);
    }
}
