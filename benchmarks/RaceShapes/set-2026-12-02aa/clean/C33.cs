namespace Blind27.TeaPlantations.Sampling;

public sealed record FlushSample(string Section, int BushRow, double LeafLengthMm, double TwoLeavesBudPercent);

/// <summary>
/// Simulates sampling plans for the plantation's quality team: for each section, bushes
/// are picked at random and their leaf measurements bootstrapped.
/// </summary>
public sealed class SamplingPlanSimulator : IDisposable
{
    private readonly ThreadLocal<Random> _random = new(() => new Random(Guid.NewGuid().GetHashCode()));
    private readonly ThreadLocal<double[]> _scratch;
    private readonly int _draws;

    public SamplingPlanSimulator(int draws)
    {
        _draws = draws;
        _scratch = new ThreadLocal<double[]>(() => new double[draws]);
    }

    public IReadOnlyDictionary<string, (double Mean, double Low, double High)> Bootstrap(
        IReadOnlyDictionary<string, IReadOnlyList<FlushSample>> samplesBySection, int rounds)
    {
        var sections = samplesBySection.Keys.ToArray();
        var results = new (double, double, double)[sections.Length];

        Parallel.For(0, sections.Length, i =>
        {
            var samples = samplesBySection[sections[i]];
            if (samples.Count == 0)
            {
                results[i] = (0, 0, 0);
                return;
            }

            var random = _random.Value!;
            var scratch = _scratch.Value!;
            var means = new double[rounds];

            for (var r = 0; r < rounds; r++)
            {
                for (var d = 0; d < _draws; d++)
                {
                    scratch[d] = samples[random.Next(samples.Count)].TwoLeavesBudPercent;
                }

                means[r] = scratch.Average();
            }

            Array.Sort(means);
            results[i] = (means.Average(), means[(int)(rounds * 0.05)], means[Math.Max(0, (int)(rounds * 0.95) - 1)]);
        });

        return sections
            .Select((s, i) => (s, results[i]))
            .ToDictionary(x => x.s, x => x.Item2);
    }

    public void Dispose()
    {
        _random.Dispose();
        _scratch.Dispose();
    }
}
