using System.Globalization;

namespace Cinema.Projection.Scheduling;

public sealed record ProjectorProfile(string ScreenId, string ProjectorModel, int LampHoursLimit, double WarmUpMinutes);

public sealed record Screening(string ScreenId, string FilmTitle, DateTime StartsAt, TimeSpan Runtime);

/// <summary>
/// Projector profiles for every screen in the multiplex. Parsed once and shared by
/// all schedule calculations.
/// </summary>
public static class ProjectorCatalogue
{
    private const string Data =
        "S1;Christie CP4440;20000;6\nS2;Barco SP4K-25;20000;4\nS3;NEC NC1402L;30000;5\nIMAX;IMAX Laser;40000;8";

    private static readonly Lazy<IReadOnlyDictionary<string, ProjectorProfile>> s_profiles =
        new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static ProjectorProfile For(string screenId) =>
        s_profiles.Value.TryGetValue(screenId, out var profile)
            ? profile
            : throw new KeyNotFoundException($"No projector registered for screen {screenId}.");

    private static IReadOnlyDictionary<string, ProjectorProfile> Load()
    {
        var profiles = new Dictionary<string, ProjectorProfile>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Data.Split('\n'))
        {
            var parts = line.Split(';');
            profiles[parts[0]] = new ProjectorProfile(
                parts[0],
                parts[1],
                int.Parse(parts[2], CultureInfo.InvariantCulture),
                double.Parse(parts[3], CultureInfo.InvariantCulture));
        }

        return profiles;
    }
}

/// <summary>Works out when each projector must be powered on for the day's screenings.</summary>
public sealed class PowerOnPlanner
{
    public IReadOnlyList<(string ScreenId, DateTime PowerOnAt)> Plan(IReadOnlyList<Screening> screenings)
    {
        var powerOn = new (string, DateTime)[screenings.Count];

        Parallel.For(0, screenings.Count, i =>
        {
            var screening = screenings[i];
            var profile = ProjectorCatalogue.For(screening.ScreenId);
            powerOn[i] = (screening.ScreenId, screening.StartsAt.AddMinutes(-profile.WarmUpMinutes));
        });

        return powerOn
            .GroupBy(p => p.Item1)
            .Select(g => g.MinBy(p => p.Item2))
            .OrderBy(p => p.Item2)
            .ToList();
    }
}
