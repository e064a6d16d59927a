namespace Blind24.FoundryAnalysis;

public readonly record struct CoolingSample(string MouldId, double SecondsSincePour, double SurfaceTempC);

public sealed record CoolingReport(int Samples, double MeanRateCPerMinute, double MaxRateCPerMinute, IReadOnlyList<string> FastCoolingMoulds);

/// <summary>
/// Analyses thermocouple logs from bell moulds after a casting day. Logs can hold
/// millions of samples so the per-mould work is spread over all cores.
/// </summary>
public sealed class CoolingCurveAnalyzer
{
    private readonly double _crackRiskRate;

    public CoolingCurveAnalyzer(double crackRiskRateCPerMinute) => _crackRiskRate = crackRiskRateCPerMinute;

    public CoolingReport Analyze(IReadOnlyDictionary<string, CoolingSample[]> samplesByMould)
    {
        var moulds = samplesByMould.Keys.ToArray();
        object mergeLock = new();
        int totalSamples = 0;
        double rateSum = 0;
        int rateCount = 0;
        double maxRate = 0;
        var fast = new List<string>();

        Parallel.For(
            0,
            moulds.Length,
            () => new Partial(),
            (i, _, partial) =>
            {
                var samples = samplesByMould[moulds[i]];
                partial.Samples += samples.Length;
                double mouldMax = 0;
                for (int s = 1; s < samples.Length; s++)
                {
                    double dt = (samples[s].SecondsSincePour - samples[s - 1].SecondsSincePour) / 60.0;
                    if (dt <= 0)
                    {
                        continue;
                    }

                    double rate = (samples[s - 1].SurfaceTempC - samples[s].SurfaceTempC) / dt;
                    partial.RateSum += rate;
                    partial.RateCount++;
                    mouldMax = Math.Max(mouldMax, rate);
                }

                partial.Max = Math.Max(partial.Max, mouldMax);
                if (mouldMax > _crackRiskRate)
                {
                    partial.Fast.Add(moulds[i]);
                }

                return partial;
            },
            partial =>
            {
                lock (mergeLock)
                {
                    totalSamples += partial.Samples;
                    rateSum += partial.RateSum;
                    rateCount += partial.RateCount;
                    maxRate = Math.Max(maxRate, partial.Max);
                    fast.AddRange(partial.Fast);
                }
            });

        fast.Sort(StringComparer.Ordinal);
        return new CoolingReport(totalSamples, rateCount == 0 ? 0 : rateSum / rateCount, maxRate, fast);
    }

    private sealed class Partial
    {
        public int Samples;
        public double RateSum;
        public int RateCount;
        public double Max;
        public List<string> Fast { get; } = new();
    }
}
