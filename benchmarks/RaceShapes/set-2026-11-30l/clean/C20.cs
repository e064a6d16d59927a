using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Nimbus.Weather.Aggregation
{
    public readonly record struct Observation(DateTime TimeUtc, double TemperatureC, double PrecipitationMm, double GustMs);

    public sealed record StationDay(string StationId, string Region, double MeanTemperatureC, double TotalPrecipitationMm, double MaxGustMs, int Observations);

    public static class StationRegions
    {
        private static IReadOnlyDictionary<string, string>? s_regions;

        public static IReadOnlyDictionary<string, string> All =>
            LazyInitializer.EnsureInitialized(ref s_regions, Build);

        private static IReadOnlyDictionary<string, string> Build() =>
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["EGLL"] = "South East",
                ["EGCC"] = "North West",
                ["EGPH"] = "Scotland",
                ["EGFF"] = "Wales",
                ["EGAA"] = "Northern Ireland",
            };
    }

    /// <summary>Builds daily summaries for every reporting station.</summary>
    public sealed class DailyAggregator
    {
        public StationDay[] Summarize(IReadOnlyList<string> stationIds, IReadOnlyList<Observation[]> observationsByStation)
        {
            if (stationIds.Count != observationsByStation.Count)
                throw new ArgumentException("Each station needs exactly one observation array.");

            var days = new StationDay[stationIds.Count];

            Parallel.For(0, stationIds.Count, i =>
            {
                var observations = observationsByStation[i];
                double temperatureSum = 0, precipitation = 0, maxGust = 0;
                int count = 0;

                foreach (var o in observations)
                {
                    if (double.IsNaN(o.TemperatureC)) continue;
                    temperatureSum += o.TemperatureC;
                    precipitation += Math.Max(0, o.PrecipitationMm);
                    maxGust = Math.Max(maxGust, o.GustMs);
                    count++;
                }

                string region = StationRegions.All.TryGetValue(stationIds[i], out var r) ? r : "Unassigned";
                days[i] = new StationDay(
                    stationIds[i],
                    region,
                    count == 0 ? double.NaN : temperatureSum / count,
                    precipitation,
                    maxGust,
                    count);
            });

            return days;
        }
    }
}
