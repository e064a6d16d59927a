namespace Apiary.HiveMonitoring.Alerts;

public sealed record HiveReading(string HiveId, double BroodTemperatureC, double HumidityPercent, double WeightKg);

public sealed record HiveAlert(string HiveId, string Reason, DateTime RaisedAtUtc);

/// <summary>
/// Evaluates hive readings against alert thresholds. A new evaluator is created for every
/// incoming gateway message; the thresholds and the recent alert history are shared across
/// all of them for the lifetime of the process.
/// </summary>
public sealed class HiveAlertEvaluator
{
    private static readonly object s_sync = new();
    private static readonly Dictionary<string, DateTime> s_lastAlertUtc = new(StringComparer.Ordinal);
    private static double s_minBroodTemperatureC = 32.0;
    private static double s_maxHumidityPercent = 80.0;

    private static readonly TimeSpan AlertCooldown = TimeSpan.FromMinutes(30);

    private readonly TimeProvider _clock;

    public HiveAlertEvaluator(TimeProvider clock) => _clock = clock;

    public static void ConfigureThresholds(double minBroodTemperatureC, double maxHumidityPercent)
    {
        lock (s_sync)
        {
            s_minBroodTemperatureC = minBroodTemperatureC;
            s_maxHumidityPercent = maxHumidityPercent;
        }
    }

    public HiveAlert? Evaluate(HiveReading reading)
    {
        var now = _clock.GetUtcNow().UtcDateTime;

        lock (s_sync)
        {
            string? reason = null;
            if (reading.BroodTemperatureC < s_minBroodTemperatureC)
            {
                reason = $"Brood temperature {reading.BroodTemperatureC:F1} °C below {s_minBroodTemperatureC:F1} °C";
            }
            else if (reading.HumidityPercent > s_maxHumidityPercent)
            {
                reason = $"Humidity {reading.HumidityPercent:F0}% above {s_maxHumidityPercent:F0}%";
            }

            if (reason is null)
            {
                return null;
            }

            if (s_lastAlertUtc.TryGetValue(reading.HiveId, out var last) && now - last < AlertCooldown)
            {
                return null;
            }

            s_lastAlertUtc[reading.HiveId] = now;
            return new HiveAlert(reading.HiveId, reason, now);
        }
    }

    public static void ForgetHive(string hiveId)
    {
        lock (s_sync)
        {
            s_lastAlertUtc.Remove(hiveId);
        }
    }
}
