namespace Recipes.Nutrition;

public sealed record Nutrients(double Kcal, double ProteinG, double FatG, double CarbsG, double SodiumMg);

public sealed record Ingredient(string FoodCode, double Grams);

public sealed record Recipe(string Name, int Servings, IReadOnlyList<Ingredient> Ingredients);

public sealed record NutritionLabel(string Recipe, Nutrients PerServing, IReadOnlyList<string> UnknownFoods);

/// <summary>Running totals while a single recipe is analysed.</summary>
public sealed class NutritionAccumulator
{
    private double _kcal, _protein, _fat, _carbs, _sodium;
    private readonly List<string> _unknown = new();

    public void Add(Nutrients per100g, double grams)
    {
        var f = grams / 100.0;
        _kcal += per100g.Kcal * f;
        _protein += per100g.ProteinG * f;
        _fat += per100g.FatG * f;
        _carbs += per100g.CarbsG * f;
        _sodium += per100g.SodiumMg * f;
    }

    public void Unknown(string foodCode) => _unknown.Add(foodCode);

    public NutritionLabel ToLabel(string recipe, int servings)
    {
        var s = Math.Max(1, servings);
        return new NutritionLabel(recipe, new Nutrients(_kcal / s, _protein / s, _fat / s, _carbs / s, _sodium / s), _unknown.ToList());
    }
}

/// <summary>
/// Produces nutrition labels for a cookbook's recipes.
/// </summary>
public static class LabelGenerator
{
    public static async Task<IReadOnlyList<NutritionLabel>> GenerateAsync(
        IEnumerable<Recipe> recipes,
        IReadOnlyDictionary<string, Nutrients> foodTable)
    {
        var tasks = recipes.Select(recipe => Task.Run(() =>
        {
            var acc = new NutritionAccumulator();
            foreach (var ingredient in recipe.Ingredients)
            {
                if (foodTable.TryGetValue(ingredient.FoodCode, out var per100g))
                {
                    acc.Add(per100g, ingredient.Grams);
                }
                else
                {
                    acc.Unknown(ingredient.FoodCode);
                }
            }

            return acc.ToLabel(recipe.Name, recipe.Servings);
        }));

        var labels = await Task.WhenAll(tasks).ConfigureAwait(false);
        return labels.OrderBy(l => l.Recipe, StringComparer.CurrentCulture).ToList();
    }
}
