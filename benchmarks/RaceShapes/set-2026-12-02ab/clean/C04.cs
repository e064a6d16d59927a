namespace Blind28.OrchidGreenhouse.Climate;

public sealed record ZoneReading(string Zone, double TemperatureC, double RelativeHumidity, double LuxThousands);

public sealed record ClimateSummary(double MeanTemperature, double MeanHumidity, long ReadingsOverHumidityLimit, int Zones);

/// <summary>
/// Summarises a night's climate log for the cymbidium and vanda houses. Logs run to
/// millions of rows so the aggregation is split across cores.
/// </summary>
public sealed class ClimateLogSummariser
{
    private readonly double _humidityLimit;

    public ClimateLogSummariser(double humidityLimit)
    {
        _humidityLimit = humidityLimit;
    }

    public ClimateSummary Summarise(IReadOnlyList<ZoneReading> readings)
    {
        if (readings.Count == 0)
        {
            return new ClimateSummary(0, 0, 0, 0);
        }

        var sync = new object();
        double temperatureSum = 0;
        double humiditySum = 0;
        long overLimit = 0;

        Parallel.For(
            0,
            readings.Count,
            () => new Partial(),
            (i, _, partial) =>
            {
                var r = readings[i];
                partial.Temperature += r.TemperatureC;
                partial.Humidity += r.RelativeHumidity;
                if (r.RelativeHumidity > _humidityLimit)
                {
                    partial.OverLimit++;
                }

                return partial;
            },
            partial =>
            {
                Interlocked.Add(ref overLimit, partial.OverLimit);
                lock (sync)
                {
                    temperatureSum += partial.Temperature;
                    humiditySum += partial.Humidity;
                }
            });

        var zones = readings.Select(r => r.Zone).Distinct().Count();
        return new ClimateSummary(temperatureSum / readings.Count, humiditySum / readings.Count, overLimit, zones);
    }

    private sealed class Partial
    {
        public double Temperature;
        public double Humidity;
        public long OverLimit;
    }
}
