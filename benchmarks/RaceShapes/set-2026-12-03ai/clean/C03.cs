namespace Blind35.SaltPonds.Evaporation;

public sealed record PondSurvey(string PondId, double AreaM2, double BrineDepthCm, double Salinity);

/// <summary>Estimates the season's salt yield across all evaporation ponds of the works.</summary>
public sealed class YieldEstimator
{
    private const double BrineDensityKgPerLitre = 1.2;

    public double DailyEvaporationMm { get; init; } = 6.5;

    public YieldSummary Estimate(IReadOnlyList<PondSurvey> ponds, int daysRemaining)
    {
        var lockObj = new object();
        double totalTonnes = 0;
        var readyCount = 0;

        Parallel.For(
            0,
            ponds.Count,
            () => (Tonnes: 0.0, Ready: 0),
            (i, _, local) =>
            {
                var pond = ponds[i];
                var tonnes = EstimatePond(pond, daysRemaining);
                var ready = pond.Salinity >= 260 ? 1 : 0;
                return (local.Tonnes + tonnes, local.Ready + ready);
            },
            local =>
            {
                lock (lockObj)
                {
                    totalTonnes += local.Tonnes;
                }

                Interlocked.Add(ref readyCount, local.Ready);
            });

        return new YieldSummary(totalTonnes, readyCount, ponds.Count);
    }

    private double EstimatePond(PondSurvey pond, int daysRemaining)
    {
        var evaporatedCm = Math.Min(pond.BrineDepthCm, DailyEvaporationMm * daysRemaining / 10.0);
        var litres = pond.AreaM2 * evaporatedCm * 10.0;
        var saltKg = litres * BrineDensityKgPerLitre * pond.Salinity / 1000.0;
        return saltKg / 1000.0;
    }
}

public sealed record YieldSummary(double Tonnes, int PondsReady, int PondsSurveyed)
{
    public override string ToString() =>
        $"{Tonnes:F1} t expected; {PondsReady}/{PondsSurveyed} ponds at harvest salinity";
}

public static class SurveyCommand
{
    public static int Run(IReadOnlyList<PondSurvey> ponds, int days)
    {
        var summary = new YieldEstimator().Estimate(ponds, days);
        Console.WriteLine(summary);
        return summary.PondsReady;
    }
}
