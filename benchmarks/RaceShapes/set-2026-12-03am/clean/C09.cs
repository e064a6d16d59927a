using System;
using System.Collections.Generic;
using System.Linq;

namespace Blind39.VineyardCoop.Ripeness;

public sealed record BerrySample(string Grower, string Parcel, string Variety, double Brix, double Ph, DateOnly TakenOn);

public sealed record ParcelRipeness(string Parcel, string Variety, int Samples, double MeanBrix, double MeanPh, bool ReadyToPick);

/// <summary>
/// Builds the cooperative's weekly ripeness report from every grower's berry samples.
/// The sample sets are large during harvest, so the report runs as a parallel query.
/// </summary>
public sealed class RipenessReport
{
    private readonly IReadOnlyDictionary<string, double> _targetBrixByVariety;

    public RipenessReport(IReadOnlyDictionary<string, double> targetBrixByVariety)
    {
        _targetBrixByVariety = targetBrixByVariety;
    }

    public IReadOnlyList<ParcelRipeness> Build(IEnumerable<BerrySample> samples, DateOnly weekStart)
    {
        var weekEnd = weekStart.AddDays(7);

        return samples
            .AsParallel()
            .Where(s => s.TakenOn >= weekStart && s.TakenOn < weekEnd)
            .Where(s => s.Brix > 0 && s.Ph > 2.5 && s.Ph < 4.5)
            .GroupBy(s => (s.Parcel, s.Variety))
            .Select(g => Summarize(g.Key.Parcel, g.Key.Variety, g.ToList()))
            .OrderBy(r => r.Parcel, StringComparer.Ordinal)
            .ThenBy(r => r.Variety, StringComparer.Ordinal)
            .ToList();
    }

    public double CooperativeMeanBrix(IEnumerable<BerrySample> samples)
    {
        var (sum, count) = samples
            .AsParallel()
            .Aggregate(
                () => (Sum: 0.0, Count: 0),
                (acc, s) => (acc.Sum + s.Brix, acc.Count + 1),
                (a, b) => (a.Sum + b.Sum, a.Count + b.Count),
                acc => acc);
        return count == 0 ? 0 : sum / count;
    }

    private ParcelRipeness Summarize(string parcel, string variety, List<BerrySample> group)
    {
        var meanBrix = group.Average(s => s.Brix);
        var meanPh = group.Average(s => s.Ph);
        var target = _targetBrixByVariety.TryGetValue(variety, out var t) ? t : 22.0;
        return new ParcelRipeness(parcel, variety, group.Count, meanBrix, meanPh, meanBrix >= target && meanPh <= 3.6);
    }
}
