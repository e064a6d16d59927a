namespace Blind45.Beekeeping.HiveAlerts;

/// <summary>Alert thresholds for hive scales and temperature probes. Always replaced as a whole.</summary>
public sealed class HiveThresholds
{
    public HiveThresholds(double minBroodTempC, double maxBroodTempC, double swarmWeightDropKg, TimeSpan swarmWindow)
    {
        if (minBroodTempC >= maxBroodTempC)
        {
            throw new ArgumentException("Minimum brood temperature must be below the maximum.");
        }

        MinBroodTempC = minBroodTempC;
        MaxBroodTempC = maxBroodTempC;
        SwarmWeightDropKg = swarmWeightDropKg;
        SwarmWindow = swarmWindow;
    }

    public double MinBroodTempC { get; }
    public double MaxBroodTempC { get; }
    public double SwarmWeightDropKg { get; }
    public TimeSpan SwarmWindow { get; }
}

public readonly record struct HiveSample(string HiveId, double BroodTempC, double WeightKg, DateTimeOffset At);

/// <summary>
/// Evaluates incoming hive samples against the cooperative's thresholds. Samples arrive
/// from the LoRa gateway on many threads; the admin page replaces the thresholds at runtime.
/// </summary>
public sealed class HiveAlertEvaluator
{
    private HiveThresholds _thresholds;

    public HiveAlertEvaluator(HiveThresholds initial)
    {
        _thresholds = initial;
    }

    public HiveThresholds Current => Volatile.Read(ref _thresholds);

    public void Update(HiveThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        Volatile.Write(ref _thresholds, thresholds);
    }

    public IReadOnlyList<string> Evaluate(HiveSample sample, HiveSample? windowStart)
    {
        var t = Volatile.Read(ref _thresholds);
        var alerts = new List<string>(2);

        if (sample.BroodTempC < t.MinBroodTempC)
        {
            alerts.Add($"{sample.HiveId}: brood chilled ({sample.BroodTempC:F1} °C < {t.MinBroodTempC:F1} °C)");
        }
        else if (sample.BroodTempC > t.MaxBroodTempC)
        {
            alerts.Add($"{sample.HiveId}: brood overheating ({sample.BroodTempC:F1} °C > {t.MaxBroodTempC:F1} °C)");
        }

        if (windowStart is { } start
            && sample.At - start.At <= t.SwarmWindow
            && start.WeightKg - sample.WeightKg >= t.SwarmWeightDropKg)
        {
            alerts.Add($"{sample.HiveId}: possible swarm, lost {start.WeightKg - sample.WeightKg:F1} kg since {start.At:HH:mm}");
        }

        return alerts;
    }
}

/// <summary>Minimal API handlers for the admin page.</summary>
public static class ThresholdEndpoints
{
    public static object Get(HiveAlertEvaluator evaluator)
    {
        var t = evaluator.Current;
        return new { t.MinBroodTempC, t.MaxBroodTempC, t.SwarmWeightDropKg, swarmWindowMinutes = t.SwarmWindow.TotalMinutes };
    }

    public static void Put(HiveAlertEvaluator evaluator, double min, double max, double drop, int windowMinutes) =>
        evaluator.Update(new HiveThresholds(min, max, drop, TimeSpan.FromMinutes(windowMinutes)));
}
