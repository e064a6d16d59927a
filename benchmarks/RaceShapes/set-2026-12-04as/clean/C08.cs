namespace Blind45.Planetarium.StarCatalogue;

public sealed record Star(int HipNumber, string? ProperName, double RightAscensionHours, double DeclinationDeg, double Magnitude);

public interface IStarCatalogueFile
{
    IEnumerable<Star> ReadAll();
}

/// <summary>
/// Bright-star catalogue used by the dome projector's scene builder and by the show
/// authoring tool. Loaded once, on first use, and then read concurrently by the render
/// workers.
/// </summary>
public sealed class BrightStarCatalogue
{
    private readonly Lazy<IReadOnlyDictionary<int, Star>> _byHip;
    private readonly Lazy<IReadOnlyList<Star>> _byMagnitude;

    public BrightStarCatalogue(IStarCatalogueFile file, double limitingMagnitude)
    {
        _byHip = new Lazy<IReadOnlyDictionary<int, Star>>(() =>
        {
            var map = new Dictionary<int, Star>();
            foreach (var star in file.ReadAll())
            {
                if (star.Magnitude <= limitingMagnitude)
                {
                    map[star.HipNumber] = star;
                }
            }

            return map;
        }, LazyThreadSafetyMode.ExecutionAndPublication);

        _byMagnitude = new Lazy<IReadOnlyList<Star>>(
            () => _byHip.Value.Values.OrderBy(s => s.Magnitude).ToArray(),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Star? Find(int hip) => _byHip.Value.TryGetValue(hip, out var s) ? s : null;

    public IEnumerable<Star> Brightest(int count) => _byMagnitude.Value.Take(count);

    public int Count => _byHip.Value.Count;
}

/// <summary>Builds dome scenes in parallel, one per requested sky time.</summary>
public sealed class DomeSceneBuilder
{
    private readonly BrightStarCatalogue _catalogue;

    public DomeSceneBuilder(BrightStarCatalogue catalogue) => _catalogue = catalogue;

    public IReadOnlyList<(DateTimeOffset At, int Visible)> BuildNightSequence(DateTimeOffset start, int frames, double latitudeDeg)
    {
        var results = new (DateTimeOffset At, int Visible)[frames];
        Parallel.For(0, frames, i =>
        {
            var at = start.AddMinutes(i * 10);
            var lst = (at.UtcDateTime.TimeOfDay.TotalHours + i * 0.1667) % 24;
            var visible = _catalogue.Brightest(2000).Count(s =>
            {
                var hourAngle = (lst - s.RightAscensionHours) * 15 * Math.PI / 180;
                var dec = s.DeclinationDeg * Math.PI / 180;
                var lat = latitudeDeg * Math.PI / 180;
                var alt = Math.Asin(Math.Sin(dec) * Math.Sin(lat) + Math.Cos(dec) * Math.Cos(lat) * Math.Cos(hourAngle));
                return alt > 0;
            });
            results[i] = (at, visible);
        });
        return results;
    }
}
