using System.Collections.Concurrent;

namespace Apiary.Weights;

public sealed record HiveWeight(string HiveId, DateTime AtUtc, double Kilograms);

/// <summary>
/// Imports a season of hive scale readings: one thread parses the export files, another
/// aggregates daily nectar flow. Results are returned after both have finished.
/// </summary>
public sealed class HiveSeasonImporter
{
    public IReadOnlyDictionary<(string Hive, DateOnly Day), double> Import(IEnumerable<string> files, Func<string, IEnumerable<HiveWeight>> parse)
    {
        using var readings = new BlockingCollection<HiveWeight>(boundedCapacity: 1000);
        var daily = new Dictionary<(string Hive, DateOnly Day), (double Min, double Max)>();

        var producer = new Thread(() =>
        {
            try
            {
                foreach (var file in files)
                    foreach (var reading in parse(file))
                        readings.Add(reading);
            }
            finally
            {
                readings.CompleteAdding();
            }
        }) { Name = "hive-parser" };

        var consumer = new Thread(() =>
        {
            foreach (var r in readings.GetConsumingEnumerable())
            {
                var key = (r.HiveId, DateOnly.FromDateTime(r.AtUtc));
                daily[key] = daily.TryGetValue(key, out var mm)
                    ? (Math.Min(mm.Min, r.Kilograms), Math.Max(mm.Max, r.Kilograms))
                    : (r.Kilograms, r.Kilograms);
            }
        }) { Name = "hive-aggregator" };

        producer.Start();
        consumer.Start();
        producer.Join();
        consumer.Join();

        return daily.ToDictionary(kv => kv.Key, kv => kv.Value.Max - kv.Value.Min);
    }
}
