namespace Blind24.DiveGasAudit;

public sealed record GasLogEntry(string Diver, string Cylinder, DateTime Time, double PressureBar, double DepthMetres, double OxygenFraction);

public sealed record DiveGasSummary(string Diver, double BarUsed, double MaxPpO2, double AverageSacLitresPerMinute);

/// <summary>
/// Audits the club's cave diving gas logs at the end of an expedition: surface
/// air consumption and oxygen exposure per diver. The log set can be large, so the
/// per-diver work runs as a PLINQ query.
/// </summary>
public sealed class GasLogAuditor
{
    private readonly double _cylinderLitres;

    public GasLogAuditor(double cylinderLitres) => _cylinderLitres = cylinderLitres;

    public IReadOnlyList<DiveGasSummary> Summarize(IEnumerable<GasLogEntry> entries)
    {
        return entries
            .GroupBy(e => e.Diver)
            .AsParallel()
            .WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount - 1))
            .Select(SummarizeDiver)
            .OrderBy(s => s.Diver, StringComparer.Ordinal)
            .ToList();
    }

    private DiveGasSummary SummarizeDiver(IGrouping<string, GasLogEntry> diverEntries)
    {
        double barUsed = 0;
        double maxPpO2 = 0;
        double sacSum = 0;
        int sacSamples = 0;

        foreach (var cylinder in diverEntries.GroupBy(e => e.Cylinder))
        {
            var ordered = cylinder.OrderBy(e => e.Time).ToArray();
            if (ordered.Length > 0)
            {
                barUsed += ordered[0].PressureBar - ordered[^1].PressureBar;
            }

            for (int i = 0; i < ordered.Length; i++)
            {
                double ata = 1 + ordered[i].DepthMetres / 10.0;
                maxPpO2 = Math.Max(maxPpO2, ordered[i].OxygenFraction * ata);

                if (i == 0)
                {
                    continue;
                }

                double minutes = (ordered[i].Time - ordered[i - 1].Time).TotalMinutes;
                double bar = ordered[i - 1].PressureBar - ordered[i].PressureBar;
                if (minutes > 0 && bar >= 0)
                {
                    sacSum += bar * _cylinderLitres / minutes / ata;
                    sacSamples++;
                }
            }
        }

        return new DiveGasSummary(diverEntries.Key, barUsed, maxPpO2, sacSamples == 0 ? 0 : sacSum / sacSamples);
    }

    public int CountHypoxicExposures(IReadOnlyList<GasLogEntry> entries, double minPpO2)
    {
        return entries.AsParallel().Count(e => e.OxygenFraction * (1 + e.DepthMetres / 10.0) < minPpO2);
    }
}
