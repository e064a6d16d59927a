namespace Blind26.PeatBog.Transects;

public sealed record Transect(string Name, int Stations);

public interface IDepthProbe
{
    Task<double> MeasureAsync(string transect, int station, CancellationToken ct);
}

public sealed record TransectReport(IReadOnlyDictionary<string, double> MeanDepthCm, string DeepestTransect, double OverallMeanCm);

/// <summary>
/// Drives the field probes along several transects at once and summarises the peat depth.
/// </summary>
public sealed class TransectSurvey
{
    private readonly IDepthProbe _probe;

    public TransectSurvey(IDepthProbe probe) => _probe = probe;

    public async Task<TransectReport> RunAsync(IReadOnlyList<Transect> transects, CancellationToken ct)
    {
        var depths = new double[transects.Count][];
        var tasks = new Task[transects.Count];

        for (int i = 0; i < transects.Count; i++)
        {
            int index = i;
            tasks[i] = Task.Run(async () =>
            {
                var transect = transects[index];
                var readings = new double[transect.Stations];
                for (int s = 0; s < transect.Stations; s++)
                {
                    readings[s] = await _probe.MeasureAsync(transect.Name, s, ct).ConfigureAwait(false);
                }

                depths[index] = readings;
            }, ct);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);

        var means = new Dictionary<string, double>();
        string deepest = string.Empty;
        double deepestMean = double.MinValue;
        double total = 0;
        int count = 0;
        for (int i = 0; i < transects.Count; i++)
        {
            double[] readings = depths[i];
            double mean = readings.Length == 0 ? 0 : readings.Average();
            means[transects[i].Name] = mean;
            total += readings.Sum();
            count += readings.Length;
            if (mean > deepestMean)
            {
                deepestMean = mean;
                deepest = transects[i].Name;
            }
        }

        return new TransectReport(means, deepest, count == 0 ? 0 : total / count);
    }
}
