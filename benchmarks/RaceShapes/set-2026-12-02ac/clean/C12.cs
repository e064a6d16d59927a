namespace Blind29.Hydroponics.Sensors;

public sealed record SensorReading(string Rack, string Channel, DateTimeOffset At, double Value);

public sealed record RackSummary(string Rack, double MeanPh, double MeanEc, double MaxWaterTemp, int Readings);

/// <summary>
/// Nightly summary of a hydroponic farm's sensor readings, computed from the day's
/// export. Used by the grower's report and the alerting job.
/// </summary>
public static class NightlySummary
{
    public static IReadOnlyList<RackSummary> ByRack(IReadOnlyList<SensorReading> readings)
    {
        return readings
            .AsParallel()
            .GroupBy(r => r.Rack)
            .Select(g => Summarise(g.Key, g.ToList()))
            .OrderBy(s => s.Rack, StringComparer.Ordinal)
            .ToList();
    }

    public static double FarmWideMeanPh(IReadOnlyList<SensorReading> readings)
    {
        var (sum, count) = readings
            .AsParallel()
            .Where(r => r.Channel == "ph")
            .Aggregate(
                () => (Sum: 0.0, Count: 0),
                (acc, r) => (acc.Sum + r.Value, acc.Count + 1),
                (a, b) => (a.Sum + b.Sum, a.Count + b.Count),
                acc => acc);
        return count == 0 ? double.NaN : sum / count;
    }

    private static RackSummary Summarise(string rack, List<SensorReading> readings)
    {
        static double Mean(IEnumerable<double> values)
        {
            var list = values.ToList();
            return list.Count == 0 ? double.NaN : list.Average();
        }

        var ph = Mean(readings.Where(r => r.Channel == "ph").Select(r => r.Value));
        var ec = Mean(readings.Where(r => r.Channel == "ec").Select(r => r.Value));
        var temps = readings.Where(r => r.Channel == "water_temp").Select(r => r.Value).ToList();
        return new RackSummary(rack, ph, ec, temps.Count == 0 ? double.NaN : temps.Max(), readings.Count);
    }
}

public sealed class AlertJob
{
    private readonly double _minPh;
    private readonly double _maxPh;

    public AlertJob(double minPh, double maxPh)
    {
        _minPh = minPh;
        _maxPh = maxPh;
    }

    public IEnumerable<string> Alerts(IReadOnlyList<SensorReading> readings) =>
        NightlySummary.ByRack(readings)
            .Where(s => s.MeanPh < _minPh || s.MeanPh > _maxPh)
            .Select(s => $"Rack {s.Rack}: mean pH {s.MeanPh:0.00} outside {_minPh}-{_maxPh}");
}
