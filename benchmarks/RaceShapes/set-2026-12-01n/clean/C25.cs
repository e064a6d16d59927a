namespace Mining.Assays;

public sealed record AssaySample(string SampleId, string DrillHole, double FromM, double ToM, double RawReadingPpm, double MassG);

public sealed record CertifiedStandard(string Name, double ExpectedPpm, double MeasuredPpm);

/// <summary>
/// Corrects a batch of fire-assay readings against the certified reference standard run
/// with the batch and converts them to grams per tonne.
/// </summary>
public sealed class AssayBatchCorrector
{
    private AssaySample[] _samples = Array.Empty<AssaySample>();
    private double _correctionFactor = 1.0;
    private double[] _gradesGpt = Array.Empty<double>();

    public double[] Correct(IReadOnlyList<AssaySample> samples, CertifiedStandard standard, int workers)
    {
        _samples = samples.ToArray();
        _correctionFactor = standard.MeasuredPpm > 0 ? standard.ExpectedPpm / standard.MeasuredPpm : 1.0;
        _gradesGpt = new double[_samples.Length];

        var threads = new Thread[workers];
        for (var w = 0; w < workers; w++)
        {
            var worker = w;
            threads[w] = new Thread(() => CorrectStride(worker, workers)) { Name = $"Assay worker {w}" };
        }

        foreach (var t in threads)
        {
            t.Start();
        }
        foreach (var t in threads)
        {
            t.Join();
        }

        return _gradesGpt;
    }

    public double WeightedMeanGrade()
    {
        double metal = 0, mass = 0;
        for (var i = 0; i < _samples.Length; i++)
        {
            var length = _samples[i].ToM - _samples[i].FromM;
            metal += _gradesGpt[i] * length;
            mass += length;
        }
        return mass > 0 ? metal / mass : 0;
    }

    private void CorrectStride(int first, int stride)
    {
        for (var i = first; i < _samples.Length; i += stride)
        {
            var ppm = _samples[i].RawReadingPpm * _correctionFactor;
            _gradesGpt[i] = Math.Round(ppm, 3);
        }
    }
}
