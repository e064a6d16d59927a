namespace Blind24.OrganVoicing;

public sealed record PipeRank(string Name, double[] MeasuredHz, double[] TargetHz);

public sealed record VoicingReport(double MeanAbsCents, int WorstPipe, double WorstCents, double TemperatureCorrection, string Temperament);

/// <summary>
/// Builds the voicing report for one rank after a tuning visit. The three parts of
/// the report are independent and expensive, so they are computed side by side and
/// combined once all have finished.
/// </summary>
public sealed class VoicingReportBuilder
{
    private readonly double _churchTemperatureC;

    public VoicingReportBuilder(double churchTemperatureC) => _churchTemperatureC = churchTemperatureC;

    public VoicingReport Build(PipeRank rank)
    {
        double meanAbs = 0;
        int worstPipe = -1;
        double worstCents = 0;
        double correction = 0;
        string temperament = "";

        Parallel.Invoke(
            () =>
            {
                double sum = 0;
                for (int i = 0; i < rank.MeasuredHz.Length; i++)
                {
                    sum += Math.Abs(Cents(rank.MeasuredHz[i], rank.TargetHz[i]));
                }

                meanAbs = rank.MeasuredHz.Length == 0 ? 0 : sum / rank.MeasuredHz.Length;
            },
            () =>
            {
                for (int i = 0; i < rank.MeasuredHz.Length; i++)
                {
                    double c = Math.Abs(Cents(rank.MeasuredHz[i], rank.TargetHz[i]));
                    if (c > worstCents)
                    {
                        worstCents = c;
                        worstPipe = i;
                    }
                }
            },
            () =>
            {
                correction = 1200 * Math.Log2(Math.Sqrt((273.15 + _churchTemperatureC) / 293.15));
                temperament = GuessTemperament(rank);
            });

        return new VoicingReport(meanAbs, worstPipe, worstCents, correction, temperament);
    }

    private static double Cents(double measured, double target) => 1200 * Math.Log2(measured / target);

    private static string GuessTemperament(PipeRank rank)
    {
        if (rank.TargetHz.Length < 12)
        {
            return "unknown";
        }

        double fifth = rank.TargetHz[7] / rank.TargetHz[0];
        double deviation = 1200 * Math.Log2(fifth / 1.5);
        return Math.Abs(deviation + 1.955) < 0.3 ? "equal"
            : Math.Abs(deviation + 5.38) < 0.5 ? "quarter-comma meantone"
            : "well-tempered";
    }
}

/// <summary>Produces reports for every rank of an instrument.</summary>
public sealed class InstrumentReport
{
    public IReadOnlyDictionary<string, VoicingReport> Build(IEnumerable<PipeRank> ranks, double temperatureC)
    {
        var builder = new VoicingReportBuilder(temperatureC);
        return ranks.ToDictionary(r => r.Name, builder.Build);
    }
}
