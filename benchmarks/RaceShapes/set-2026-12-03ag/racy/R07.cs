namespace CaveSurvey.Reduction;

public sealed record SurveyLeg(string Id, string From, string To, double Length, double CompassDeg, double ClinoDeg);

public readonly record struct LegVector(double East, double North, double Up);

public sealed record SurveyResult(IReadOnlyDictionary<string, LegVector> Vectors, double TotalLength, IReadOnlyList<string> Warnings);

/// <summary>
/// Turns tape, compass and clino readings into 3D vectors for the cave plot.
/// Large surveys have tens of thousands of legs, so legs are reduced in parallel.
/// </summary>
public sealed class SurveyReducer
{
    private const double MaxPlausibleLegMetres = 300;

    public SurveyResult Reduce(IReadOnlyList<SurveyLeg> legs)
    {
        var vectors = new Dictionary<string, LegVector>(legs.Count);
        var warnings = new List<string>();
        double totalLength = 0;
        var sync = new object();

        Parallel.ForEach(legs, leg =>
        {
            if (leg.Length <= 0 || leg.Length > MaxPlausibleLegMetres)
            {
                warnings.Add($"Leg {leg.Id} ({leg.From}->{leg.To}) has implausible length {leg.Length:F2} m");
                return;
            }

            if (leg.ClinoDeg < -90 || leg.ClinoDeg > 90)
            {
                lock (sync)
                {
                    warnings.Add($"Leg {leg.Id} has clino reading {leg.ClinoDeg} out of range");
                }
                return;
            }

            var vector = ToVector(leg);

            lock (sync)
            {
                vectors[leg.Id] = vector;
                totalLength += leg.Length;
            }
        });

        return new SurveyResult(vectors, totalLength, warnings);
    }

    private static LegVector ToVector(SurveyLeg leg)
    {
        double clino = leg.ClinoDeg * Math.PI / 180.0;
        double compass = leg.CompassDeg * Math.PI / 180.0;
        double horizontal = leg.Length * Math.Cos(clino);
        return new LegVector(
            horizontal * Math.Sin(compass),
            horizontal * Math.Cos(compass),
            leg.Length * Math.Sin(clino));
    }
}
