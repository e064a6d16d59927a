namespace Blind37.Bonsai.Watering;

public sealed record SpeciesWatering(string Species, int SummerIntervalHours, int WinterIntervalHours, bool Misting);

public sealed record WateringRound(DateTime DueUtc, IReadOnlyList<string> TreeIds);

/// <summary>
/// Watering guidance for every species the nursery stocks, loaded from the care-sheet
/// database the first time anything asks for it. Shared by the irrigation controller,
/// the staff rota app and the customer care-card printer.
/// </summary>
public sealed class WateringGuide
{
    private readonly Func<IEnumerable<SpeciesWatering>> _loadCareSheets;
    private IReadOnlyDictionary<string, SpeciesWatering>? _bySpecies;
    private bool _initialised;
    private object? _initLock;

    public WateringGuide(Func<IEnumerable<SpeciesWatering>> loadCareSheets) => _loadCareSheets = loadCareSheets;

    private IReadOnlyDictionary<string, SpeciesWatering> BySpecies =>
        LazyInitializer.EnsureInitialized(
            ref _bySpecies,
            ref _initialised,
            ref _initLock,
            () => _loadCareSheets().ToDictionary(s => s.Species, StringComparer.OrdinalIgnoreCase))!;

    public TimeSpan IntervalFor(string species, DateTime date)
    {
        if (!BySpecies.TryGetValue(species, out var sheet))
        {
            return TimeSpan.FromHours(24);
        }

        var summer = date.Month is >= 4 and <= 9;
        return TimeSpan.FromHours(summer ? sheet.SummerIntervalHours : sheet.WinterIntervalHours);
    }

    public bool NeedsMisting(string species) => BySpecies.TryGetValue(species, out var sheet) && sheet.Misting;
}

/// <summary>Plans the next few watering rounds for the benches in the polytunnel.</summary>
public sealed class WateringPlanner
{
    private readonly WateringGuide _guide;

    public WateringPlanner(WateringGuide guide) => _guide = guide;

    public IReadOnlyList<WateringRound> Plan(IEnumerable<(string TreeId, string Species, DateTime LastWateredUtc)> trees, DateTime untilUtc)
    {
        var due = trees
            .AsParallel()
            .Select(t => (t.TreeId, Due: t.LastWateredUtc + _guide.IntervalFor(t.Species, t.LastWateredUtc)))
            .Where(t => t.Due <= untilUtc)
            .ToArray();

        return due
            .GroupBy(t => new DateTime(t.Due.Year, t.Due.Month, t.Due.Day, t.Due.Hour, 0, 0, DateTimeKind.Utc))
            .OrderBy(g => g.Key)
            .Select(g => new WateringRound(g.Key, g.Select(t => t.TreeId).OrderBy(id => id).ToArray()))
            .ToArray();
    }

    public Task<IReadOnlyList<string>> MistingListAsync(IEnumerable<(string TreeId, string Species)> trees) =>
        Task.Run(() => (IReadOnlyList<string>)trees.Where(t => _guide.NeedsMisting(t.Species)).Select(t => t.TreeId).ToArray());
}
