namespace Blind59.Vineyard.Harvest;

public sealed record VineSample(string Block, int Row, int Vine, int Bunches, double MeanBunchGrams, bool Botrytis);

public sealed record BlockEstimate(string Block, double Tonnes, int SampledVines, double BotrytisShare);

/// <summary>
/// Estimates the crop per block from the pre-harvest bunch counts. Run from the
/// vineyard manager's CLI tool over tens of thousands of samples.
/// </summary>
public static class YieldEstimator
{
    private sealed class Tally
    {
        public readonly Dictionary<string, (double Grams, int Vines, int Botrytis)> ByBlock = new();
    }

    public static IReadOnlyList<BlockEstimate> Estimate(IReadOnlyList<VineSample> samples, IReadOnlyDictionary<string, int> vinesPerBlock)
    {
        var totals = new Dictionary<string, (double Grams, int Vines, int Botrytis)>();
        var totalsLock = new object();

        Parallel.For(0, samples.Count,
            localInit: () => new Tally(),
            body: (i, _, tally) =>
            {
                var s = samples[i];
                tally.ByBlock.TryGetValue(s.Block, out var t);
                tally.ByBlock[s.Block] = (t.Grams + s.Bunches * s.MeanBunchGrams, t.Vines + 1, t.Botrytis + (s.Botrytis ? 1 : 0));
                return tally;
            },
            localFinally: tally =>
            {
                lock (totalsLock)
                {
                    foreach (var (block, t) in tally.ByBlock)
                    {
                        totals.TryGetValue(block, out var sum);
                        totals[block] = (sum.Grams + t.Grams, sum.Vines + t.Vines, sum.Botrytis + t.Botrytis);
                    }
                }
            });

        var estimates = new List<BlockEstimate>();
        foreach (var (block, t) in totals.OrderBy(kv => kv.Key))
        {
            double gramsPerVine = t.Grams / t.Vines;
            int vines = vinesPerBlock.TryGetValue(block, out var v) ? v : t.Vines;
            estimates.Add(new BlockEstimate(block, gramsPerVine * vines / 1_000_000.0, t.Vines, t.Botrytis / (double)t.Vines));
        }
        return estimates;
    }
}

/// <summary>
/// Entry point for the "harvest-estimate" command of the vineyard CLI.
/// </summary>
public static class HarvestEstimateCommand
{
    public static int Run(string samplesCsv, string plantingCsv, TextWriter output)
    {
        var samples = File.ReadLines(samplesCsv).Skip(1)
            .Select(line => line.Split(','))
            .Select(c => new VineSample(c[0], int.Parse(c[1]), int.Parse(c[2]), int.Parse(c[3]), double.Parse(c[4]), c[5] == "1"))
            .ToList();

        var planting = File.ReadLines(plantingCsv).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(c => c[0], c => int.Parse(c[1]));

        foreach (var e in YieldEstimator.Estimate(samples, planting))
        {
            output.WriteLine($"{e.Block,-10} {e.Tonnes,8:F2} t  from {e.SampledVines} vines, botrytis {e.BotrytisShare:P0}");
        }
        return 0;
    }
}
