namespace Blind29.WoolMill.Dyeing;

public sealed record DyeRecipe(string Shade, IReadOnlyDictionary<string, double> GramsPerKg, int VatMinutes, double TemperatureC);

public interface IRecipeFile
{
    IEnumerable<string> ReadLines();
}

/// <summary>
/// Dye house recipe book, parsed once on first use and then read by every vat
/// controller in the mill.
/// </summary>
public sealed class RecipeBook
{
    private readonly Lazy<IReadOnlyDictionary<string, DyeRecipe>> _recipes;

    public RecipeBook(IRecipeFile file)
    {
        _recipes = new Lazy<IReadOnlyDictionary<string, DyeRecipe>>(
            () => Parse(file.ReadLines()),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public DyeRecipe? For(string shade) =>
        _recipes.Value.TryGetValue(shade, out var recipe) ? recipe : null;

    public int Count => _recipes.Value.Count;

    private static IReadOnlyDictionary<string, DyeRecipe> Parse(IEnumerable<string> lines)
    {
        var result = new Dictionary<string, DyeRecipe>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            // shade;minutes;temperature;dye=grams,dye=grams
            var parts = line.Split(';');
            var grams = parts[3]
                .Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('='))
                .ToDictionary(p => p[0].Trim(), p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
            result[parts[0].Trim()] = new DyeRecipe(parts[0].Trim(), grams, int.Parse(parts[1]),
                double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        }

        return result;
    }
}

public sealed class VatController
{
    private readonly RecipeBook _book;
    private readonly int _vatNumber;

    public VatController(RecipeBook book, int vatNumber)
    {
        _book = book;
        _vatNumber = vatNumber;
    }

    public Task<string> PrepareAsync(string shade, double fibreKg) => Task.Run(() =>
    {
        var recipe = _book.For(shade) ?? throw new InvalidOperationException($"No recipe for {shade}.");
        var dyes = string.Join(", ", recipe.GramsPerKg.Select(d => $"{d.Key} {d.Value * fibreKg:0.0} g"));
        return $"Vat {_vatNumber}: {shade} at {recipe.TemperatureC} C for {recipe.VatMinutes} min: {dyes}";
    });
}
