using System.Collections.Generic;

namespace Blind65.GoatDairies.Yield;

public sealed record MilkingRecord(string GoatTag, string Barn, DateOnly Day, double Litres);

public sealed record BarnYield(string Barn, double Litres, int Milkings);

/// <summary>
/// Totals a season of milking records per barn. Runs in the monthly report job.
/// </summary>
public static class SeasonYieldCalculator
{
    public static IReadOnlyList<BarnYield> Totals(IReadOnlyList<MilkingRecord> records)
    {
        var combined = new Dictionary<string, (double Litres, int Milkings)>();
        var combineLock = new object();

        Parallel.ForEach(
            records,
            () => new Dictionary<string, (double Litres, int Milkings)>(),
            (record, _, local) =>
            {
                local.TryGetValue(record.Barn, out var running);
                local[record.Barn] = (running.Litres + record.Litres, running.Milkings + 1);
                return local;
            },
            local =>
            {
                lock (combineLock)
                {
                    foreach (var (barn, partial) in local)
                    {
                        combined.TryGetValue(barn, out var total);
                        combined[barn] = (total.Litres + partial.Litres, total.Milkings + partial.Milkings);
                    }
                }
            });

        var result = new List<BarnYield>(combined.Count);
        foreach (var (barn, total) in combined)
        {
            result.Add(new BarnYield(barn, total.Litres, total.Milkings));
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Barn, b.Barn));
        return result;
    }

    public static long CountLowYieldMilkings(IReadOnlyList<MilkingRecord> records, double threshold)
    {
        long low = 0;
        Parallel.For(
            0,
            records.Count,
            () => 0L,
            (i, _, subtotal) => records[i].Litres < threshold ? subtotal + 1 : subtotal,
            subtotal => Interlocked.Add(ref low, subtotal));
        return low;
    }
}
