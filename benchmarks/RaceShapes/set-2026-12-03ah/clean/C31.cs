namespace Blind34.Falconry.Telemetry;

public sealed record FlightTrack(string Bird, IReadOnlyList<(double Lat, double Lon, double AltitudeM)> Fixes);

public sealed record TelemetrySummary(int Fixes, double MaxAltitudeM, double ClimbMetres);

/// <summary>
/// Summarises GPS telemetry from the hawks' flights for the season log.
/// </summary>
public static class FlightTelemetryAnalyser
{
    private sealed class Tally
    {
        public int Fixes;
        public double MaxAltitude;
        public double Climb;
    }

    public static TelemetrySummary Summarise(IEnumerable<FlightTrack> tracks)
    {
        using var tallies = new ThreadLocal<Tally>(() => new Tally(), trackAllValues: true);

        Parallel.ForEach(tracks, track =>
        {
            var tally = tallies.Value!;
            double? previous = null;
            foreach (var fix in track.Fixes)
            {
                tally.Fixes++;
                tally.MaxAltitude = Math.Max(tally.MaxAltitude, fix.AltitudeM);
                if (previous is { } prev && fix.AltitudeM > prev)
                {
                    tally.Climb += fix.AltitudeM - prev;
                }

                previous = fix.AltitudeM;
            }
        });

        var fixes = 0;
        var max = 0.0;
        var climb = 0.0;
        foreach (var t in tallies.Values)
        {
            fixes += t.Fixes;
            max = Math.Max(max, t.MaxAltitude);
            climb += t.Climb;
        }

        return new TelemetrySummary(fixes, max, climb);
    }

    public static IReadOnlyDictionary<string, TelemetrySummary> PerBird(IEnumerable<FlightTrack> tracks) =>
        tracks
            .GroupBy(t => t.Bird)
            .AsParallel()
            .ToDictionary(g => g.Key, g => Summarise(g.ToList()));
}
