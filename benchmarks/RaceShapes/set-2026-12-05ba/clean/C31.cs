namespace Blind53.OrchestraTuning.Sections;

public readonly record struct PitchSample(string Instrument, double Hertz);

/// <summary>
/// Running pitch statistics for one section.
/// </summary>
public struct SectionPitchAccumulator
{
    public int Samples;
    public double SumCents;
    public double SumSquaresCents;
    public double WorstCents;

    public void Add(double cents)
    {
        Samples++;
        SumCents += cents;
        SumSquaresCents += cents * cents;
        if (Math.Abs(cents) > Math.Abs(WorstCents))
        {
            WorstCents = cents;
        }
    }

    public readonly SectionPitchAccumulator Merge(SectionPitchAccumulator other) => new()
    {
        Samples = Samples + other.Samples,
        SumCents = SumCents + other.SumCents,
        SumSquaresCents = SumSquaresCents + other.SumSquaresCents,
        WorstCents = Math.Abs(other.WorstCents) > Math.Abs(WorstCents) ? other.WorstCents : WorstCents,
    };

    public readonly double MeanCents => Samples == 0 ? 0 : SumCents / Samples;

    public readonly double StdDevCents => Samples == 0 ? 0 : Math.Sqrt(Math.Max(0, SumSquaresCents / Samples - MeanCents * MeanCents));
}

/// <summary>
/// Analyses the tuning-note recordings of each section before a rehearsal.
/// </summary>
public sealed class SectionTuningAnalyzer
{
    private readonly double _referenceHertz;

    public SectionTuningAnalyzer(double referenceHertz = 442.0)
    {
        _referenceHertz = referenceHertz;
    }

    public async Task<IReadOnlyDictionary<string, SectionPitchAccumulator>> AnalyseAsync(
        IReadOnlyDictionary<string, IReadOnlyList<PitchSample>> recordingsBySection)
    {
        var work = recordingsBySection.Select(section => Task.Run(() =>
        {
            var partials = new SectionPitchAccumulator[4];
            var samples = section.Value;
            Parallel.For(0, partials.Length, slice =>
            {
                var local = new SectionPitchAccumulator();
                for (int i = slice; i < samples.Count; i += partials.Length)
                {
                    local.Add(ToCents(samples[i].Hertz));
                }

                partials[slice] = local;
            });

            var total = new SectionPitchAccumulator();
            foreach (var partial in partials)
            {
                total = total.Merge(partial);
            }

            return (section.Key, total);
        }));

        var results = await Task.WhenAll(work);
        return results.ToDictionary(r => r.Key, r => r.total);
    }

    private double ToCents(double hertz) => 1200 * Math.Log2(hertz / _referenceHertz);
}
