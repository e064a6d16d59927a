namespace Blind36.KiteSurfing.Conditions;

public sealed record SpotInfo(string Name, double BeachBearing, double MinKnots, double MaxKnots);

public sealed record LessonAdvice(string Spot, bool Go, string Reason, string KiteSize);

/// <summary>
/// Decides whether lessons can run at each spot, jittering the forecast wind to
/// allow for gusts.
/// </summary>
public static class LessonAdvisor
{
    private static IReadOnlyDictionary<string, SpotInfo>? s_spots;
    private static object? s_spotsLock;
    private static bool s_spotsLoaded;

    private static readonly ThreadLocal<Random> s_rng =
        new(() => new Random(Environment.CurrentManagedThreadId * 7919 + Environment.TickCount));

    private static IReadOnlyDictionary<string, SpotInfo> Spots =>
        LazyInitializer.EnsureInitialized(ref s_spots, ref s_spotsLoaded, ref s_spotsLock, LoadSpots)!;

    private static IReadOnlyDictionary<string, SpotInfo> LoadSpots() =>
        new Dictionary<string, SpotInfo>(StringComparer.OrdinalIgnoreCase)
        {
            ["North Bay"] = new("North Bay", 315, 12, 25),
            ["Harbour Flats"] = new("Harbour Flats", 200, 10, 22),
            ["Point Reef"] = new("Point Reef", 260, 15, 30),
        };

    public static IReadOnlyList<LessonAdvice> AdviseAll(double windKnots, double windFromDegrees, int samples = 50)
    {
        return Spots.Values
            .AsParallel()
            .Select(s => Advise(s, windKnots, windFromDegrees, samples))
            .OrderBy(a => a.Spot, StringComparer.Ordinal)
            .ToList();
    }

    private static LessonAdvice Advise(SpotInfo spot, double knots, double fromDegrees, int samples)
    {
        var rng = s_rng.Value!;
        int inRange = 0;
        for (int i = 0; i < samples; i++)
        {
            double gust = knots * (0.85 + rng.NextDouble() * 0.35);
            if (gust >= spot.MinKnots && gust <= spot.MaxKnots)
                inRange++;
        }

        double offshore = Math.Abs(((fromDegrees - spot.BeachBearing + 540) % 360) - 180);
        if (offshore < 60)
            return new LessonAdvice(spot.Name, false, "Offshore wind", "-");

        bool go = inRange >= samples * 0.7;
        string size = knots < 15 ? "12m" : knots < 20 ? "9m" : "7m";
        return new LessonAdvice(spot.Name, go, go ? "Steady wind" : "Too gusty or out of range", size);
    }
}
