using System.Collections.Concurrent;

namespace Blind50.Vineyard.YieldForecast;

public sealed record VineSample(string Block, string Variety, int Bunches, double BunchWeightGrams, double Brix);

public sealed record BlockForecast(string Block, string Variety, double TonnesPerHectare, double AverageBrix, int Samples);

/// <summary>
/// Turns the pre-harvest bunch counts taken by the vineyard crew into per-block yield forecasts.
/// Survey files hold hundreds of thousands of samples, so the aggregation runs with PLINQ.
/// </summary>
public static class YieldForecaster
{
    public static IReadOnlyList<BlockForecast> Forecast(
        IEnumerable<VineSample> samples,
        IReadOnlyDictionary<string, int> vinesPerHectare,
        CancellationToken cancellationToken)
    {
        return samples
            .AsParallel()
            .WithCancellation(cancellationToken)
            .GroupBy(s => (s.Block, s.Variety))
            .Select(g =>
            {
                var count = g.Count();
                var kgPerVine = g.Average(s => s.Bunches * s.BunchWeightGrams) / 1000.0;
                var density = vinesPerHectare.GetValueOrDefault(g.Key.Block, 4000);
                return new BlockForecast(g.Key.Block, g.Key.Variety, kgPerVine * density / 1000.0,
                    g.Average(s => s.Brix), count);
            })
            .OrderBy(f => f.Block)
            .ThenBy(f => f.Variety)
            .ToList();
    }

    /// <summary>Overall weighted Brix across the estate, reduced with one accumulator per partition.</summary>
    public static double EstateBrix(IReadOnlyList<VineSample> samples)
    {
        var (weightedBrix, weight) = samples
            .AsParallel()
            .Aggregate(
                () => (Sum: 0.0, Weight: 0.0),
                (acc, s) =>
                {
                    var w = s.Bunches * s.BunchWeightGrams;
                    return (acc.Sum + s.Brix * w, acc.Weight + w);
                },
                (a, b) => (a.Sum + b.Sum, a.Weight + b.Weight),
                total => total);

        return weight == 0 ? 0 : weightedBrix / weight;
    }

    /// <summary>Flags blocks where any sample is below the picking threshold.</summary>
    public static IReadOnlyCollection<string> BlocksNotReady(IEnumerable<VineSample> samples, double minimumBrix)
    {
        var notReady = new ConcurrentDictionary<string, byte>();
        samples.AsParallel().Where(s => s.Brix < minimumBrix).ForAll(s => notReady.TryAdd(s.Block, 0));
        return notReady.Keys.OrderBy(b => b).ToList();
    }
}

/// <summary>Command-line entry used by the vineyard manager before the harvest meeting.</summary>
public static class ForecastCommand
{
    public static int Run(string surveyCsv)
    {
        var samples = File.ReadLines(surveyCsv)
            .Skip(1)
            .Select(l => l.Split(','))
            .Select(p => new VineSample(p[0], p[1], int.Parse(p[2]), double.Parse(p[3]), double.Parse(p[4])))
            .ToList();

        var density = new Dictionary<string, int> { ["A1"] = 4500, ["B2"] = 3800 };
        foreach (var forecast in YieldForecaster.Forecast(samples, density, CancellationToken.None))
        {
            Console.WriteLine($"{forecast.Block} {forecast.Variety}: {forecast.TonnesPerHectare:F1} t/ha at {forecast.AverageBrix:F1} Brix");
        }

        Console.WriteLine($"Estate Brix {YieldForecaster.EstateBrix(samples):F2}");
        Console.WriteLine($"Not ready: {string.Join(", ", YieldForecaster.BlocksNotReady(samples, 21.0))}");
        return 0;
    }
}
