namespace Glaciology.MeltGauges.Seasonal;

public sealed record GaugeSeries(string GaugeId, string Glacier, double[] DailyMillimetres);

public sealed record SeasonalMelt(string Glacier, double TotalMillimetres, double WorstDay, int GaugesWithDropouts);

/// <summary>
/// Aggregates a season of gauge series into per-glacier totals for the annual report.
/// </summary>
public static class SeasonalMeltCalculator
{
    public static SeasonalMelt Calculate(string glacier, IReadOnlyList<GaugeSeries> series)
    {
        double total = 0;
        double worst = 0;
        int withDropouts = 0;
        var sync = new object();

        Parallel.ForEach(
            series,
            () => (Sum: 0.0, Worst: 0.0, Dropouts: 0),
            (gauge, _, local) =>
            {
                bool sawDropout = false;
                foreach (var mm in gauge.DailyMillimetres)
                {
                    if (double.IsNaN(mm))
                    {
                        sawDropout = true;
                        continue;
                    }
                    local.Sum += mm;
                    local.Worst = Math.Max(local.Worst, mm);
                }
                if (sawDropout)
                {
                    local.Dropouts++;
                }
                return local;
            },
            local =>
            {
                lock (sync)
                {
                    total += local.Sum;
                    worst = Math.Max(worst, local.Worst);
                    withDropouts += local.Dropouts;
                }
            });

        return new SeasonalMelt(glacier, total, worst, withDropouts);
    }

    public static IReadOnlyList<SeasonalMelt> CalculateAll(IEnumerable<GaugeSeries> all)
        => all.GroupBy(s => s.Glacier)
              .Select(g => Calculate(g.Key, g.ToList()))
              .OrderByDescending(m => m.TotalMillimetres)
              .ToList();
}
