namespace Blind50.Sourdough.Hydration;

public sealed record FlourProfile(string Flour, double Absorption, double ProteinPercent);

/// <summary>
/// Calculates dough hydration for club members' bakes. The flour table is read from disk the
/// first time it is needed; the calculator is a singleton used by every recipe request.
/// </summary>
public sealed class HydrationCalculator
{
    private readonly string _flourTablePath;
    private Dictionary<string, FlourProfile>? _profiles;
    private object? _profilesLock;
    private bool _profilesLoaded;

    private readonly Lazy<double> _altitudeFactor;

    public HydrationCalculator(string flourTablePath, Func<double> readAltitudeMetres)
    {
        _flourTablePath = flourTablePath;
        _altitudeFactor = new Lazy<double>(() => 1 + readAltitudeMetres() / 10_000.0);
    }

    private Dictionary<string, FlourProfile> Profiles =>
        LazyInitializer.EnsureInitialized(ref _profiles, ref _profilesLoaded, ref _profilesLock, LoadProfiles)!;

    private Dictionary<string, FlourProfile> LoadProfiles()
    {
        return File.ReadLines(_flourTablePath)
            .Select(line => line.Split(','))
            .Where(p => p.Length == 3)
            .Select(p => new FlourProfile(p[0], double.Parse(p[1]), double.Parse(p[2])))
            .ToDictionary(p => p.Flour, StringComparer.OrdinalIgnoreCase);
    }

    public (double WaterGrams, double StarterGrams) Calculate(IReadOnlyDictionary<string, double> flourGrams, double starterPercent)
    {
        var profiles = Profiles;
        double water = 0;
        double total = 0;
        foreach (var (flour, grams) in flourGrams)
        {
            var absorption = profiles.TryGetValue(flour, out var profile) ? profile.Absorption : 0.70;
            water += grams * absorption;
            total += grams;
        }

        return (water * _altitudeFactor.Value, total * starterPercent / 100.0);
    }

    public IReadOnlyCollection<string> KnownFlours => Profiles.Keys.ToArray();
}

/// <summary>Answers recipe requests from the club app, several at once.</summary>
public sealed class RecipeService
{
    private readonly HydrationCalculator _calculator;

    public RecipeService(HydrationCalculator calculator) => _calculator = calculator;

    public Task<string[]> ScaleAllAsync(IEnumerable<(string Member, Dictionary<string, double> Flour)> requests) =>
        Task.WhenAll(requests.Select(r => Task.Run(() =>
        {
            var (water, starter) = _calculator.Calculate(r.Flour, starterPercent: 20);
            return $"{r.Member}: {water:F0} g water, {starter:F0} g starter";
        })));
}
