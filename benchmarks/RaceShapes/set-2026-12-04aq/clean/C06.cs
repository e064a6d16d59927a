namespace Blind43.PaperMill.Pulp;

public sealed record PulpSample(string BatchId, double MoisturePercent, double FreenessMl, double BrightnessIso);

public sealed record BatchSummary(string BatchId, int Samples, double MeanMoisture, double MeanFreeness, double MinBrightness, bool WithinSpec);

/// <summary>
/// Summarises laboratory pulp samples per batch for the mill's morning quality meeting.
/// The sample exports are large, so the grouping runs across all cores.
/// </summary>
public sealed class PulpBatchSummariser
{
    private readonly double _maxMoisture;
    private readonly double _minBrightness;

    public PulpBatchSummariser(double maxMoisture, double minBrightness)
    {
        _maxMoisture = maxMoisture;
        _minBrightness = minBrightness;
    }

    public IReadOnlyList<BatchSummary> Summarise(IEnumerable<PulpSample> samples, CancellationToken ct)
    {
        return samples
            .AsParallel()
            .WithCancellation(ct)
            .Where(s => s.MoisturePercent >= 0 && s.FreenessMl > 0)
            .GroupBy(s => s.BatchId, StringComparer.Ordinal)
            .Select(g => Summarise(g.Key, g.ToList()))
            .OrderBy(s => s.BatchId, StringComparer.Ordinal)
            .ToList();
    }

    private BatchSummary Summarise(string batchId, List<PulpSample> batch)
    {
        var moisture = 0.0;
        var freeness = 0.0;
        var minBrightness = double.MaxValue;
        foreach (var sample in batch)
        {
            moisture += sample.MoisturePercent;
            freeness += sample.FreenessMl;
            minBrightness = Math.Min(minBrightness, sample.BrightnessIso);
        }

        var meanMoisture = moisture / batch.Count;
        return new BatchSummary(
            batchId,
            batch.Count,
            meanMoisture,
            freeness / batch.Count,
            minBrightness,
            meanMoisture <= _maxMoisture && minBrightness >= _minBrightness);
    }

    public double OverallRejectRate(IReadOnlyList<BatchSummary> summaries) =>
        summaries.Count == 0 ? 0 : summaries.AsParallel().Count(s => !s.WithinSpec) / (double)summaries.Count;
}
