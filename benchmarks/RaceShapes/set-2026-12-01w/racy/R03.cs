namespace Glaciology.MeltGauges.Reports;

public sealed class MeltGauge
{
    public required string Id { get; init; }
    public required string Glacier { get; init; }
    public required IReadOnlyList<double> HourlyMillimetres { get; init; }
}

public sealed record GlacierMeltSummary(string Glacier, int GaugeCount, double TotalMillimetres, double PeakHourly);

/// <summary>
/// Builds the daily melt summary that is published to the hydrology portal.
/// </summary>
public sealed class DailyMeltReportBuilder
{
    private readonly int _maxParallelism;

    public DailyMeltReportBuilder(int maxParallelism = 4)
    {
        _maxParallelism = maxParallelism;
    }

    public IReadOnlyList<GlacierMeltSummary> Build(IEnumerable<MeltGauge> gauges)
    {
        var summaries = new List<GlacierMeltSummary>();
        foreach (var group in gauges.GroupBy(g => g.Glacier))
        {
            summaries.Add(Summarize(group.Key, group.ToList()));
        }
        return summaries;
    }

    private GlacierMeltSummary Summarize(string glacier, List<MeltGauge> gauges)
    {
        double total = 0;
        var peaks = new double[gauges.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = _maxParallelism };

        Parallel.For(0, gauges.Count, options, i =>
        {
            var readings = gauges[i].HourlyMillimetres;
            double gaugeTotal = 0;
            double peak = 0;
            foreach (var mm in readings)
            {
                if (double.IsNaN(mm) || mm < 0)
                {
                    continue; // sensor dropout
                }
                gaugeTotal += mm;
                peak = Math.Max(peak, mm);
            }

            peaks[i] = peak;
            total += gaugeTotal;
        });

        return new GlacierMeltSummary(glacier, gauges.Count, total, peaks.Length == 0 ? 0 : peaks.Max());
    }
}
