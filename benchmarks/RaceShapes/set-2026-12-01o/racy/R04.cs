using System.Globalization;

namespace Marathon.Timing.Splits;

/// <summary>
/// Distances of the timing mats along the course. The table is parsed on first use.
/// </summary>
public static class CourseMats
{
    private const string CourseDefinition =
        "START,0.0\nK5,5.0\nK10,10.0\nHALF,21.0975\nK25,25.0\nK30,30.0\nK35,35.0\nK40,40.0\nFINISH,42.195";

    private static Dictionary<string, double>? s_distances;

    public static double DistanceKm(string matId)
    {
        if (s_distances == null)
        {
            s_distances = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in CourseDefinition.Split('\n'))
            {
                var parts = line.Split(',');
                s_distances[parts[0]] = double.Parse(parts[1], CultureInfo.InvariantCulture);
            }
        }

        return s_distances.TryGetValue(matId, out var km)
            ? km
            : throw new KeyNotFoundException($"Unknown timing mat '{matId}'.");
    }
}

public sealed record ChipRead(string BibNumber, string MatId, DateTime GunTime, DateTime ReadTime);

public sealed record SplitPace(string BibNumber, string MatId, double DistanceKm, TimeSpan Elapsed, TimeSpan PacePerKm);

/// <summary>
/// Turns raw chip reads from the mat decoders into split paces for the live results page.
/// </summary>
public sealed class SplitCalculator
{
    public IReadOnlyList<SplitPace> Calculate(IReadOnlyList<ChipRead> reads)
    {
        var results = new SplitPace?[reads.Count];

        Parallel.For(0, reads.Count, i =>
        {
            var read = reads[i];
            var km = CourseMats.DistanceKm(read.MatId);
            if (km <= 0)
            {
                return;
            }

            var elapsed = read.ReadTime - read.GunTime;
            results[i] = new SplitPace(read.BibNumber, read.MatId, km, elapsed, elapsed / km);
        });

        return results.Where(r => r is not null).Select(r => r!).ToList();
    }

    public static TimeSpan ProjectedFinish(SplitPace latest)
    {
        var remaining = CourseMats.DistanceKm("FINISH") - latest.DistanceKm;
        return latest.Elapsed + latest.PacePerKm * remaining;
    }
}
