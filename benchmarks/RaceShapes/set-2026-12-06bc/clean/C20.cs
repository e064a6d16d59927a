namespace Blind55.Clean.C20;

public sealed record FiringLog(string KilnId, int PeakCelsius, TimeSpan Duration, bool Cracked);

/// <summary>
/// Summarises a term's kiln firing logs for the pottery class studio: a histogram of peak
/// temperatures in 50 degree bands plus the crack rate.
/// </summary>
public sealed class KilnFiringSummary
{
    private const int Bands = 30;

    public int[] Histogram { get; private set; } = new int[Bands];
    public int Cracked { get; private set; }
    public int Total { get; private set; }

    public static KilnFiringSummary Build(IReadOnlyList<FiringLog> logs)
    {
        using var perThread = new ThreadLocal<int[]>(() => new int[Bands + 2], trackAllValues: true);

        Parallel.For(0, logs.Count, i =>
        {
            var local = perThread.Value!;
            var log = logs[i];
            int band = Math.Clamp(log.PeakCelsius / 50, 0, Bands - 1);
            local[band]++;
            local[Bands] += log.Cracked ? 1 : 0;
            local[Bands + 1]++;
        });

        var summary = new KilnFiringSummary();
        foreach (var local in perThread.Values)
        {
            for (int b = 0; b < Bands; b++)
            {
                summary.Histogram[b] += local[b];
            }

            summary.Cracked += local[Bands];
            summary.Total += local[Bands + 1];
        }

        return summary;
    }

    public double CrackRate => Total == 0 ? 0 : (double)Cracked / Total;
}

public static class KilnReportCommand
{
    public static int Run(IReadOnlyList<FiringLog> logs, TextWriter output)
    {
        var summary = KilnFiringSummary.Build(logs);
        for (int b = 0; b < summary.Histogram.Length; b++)
        {
            if (summary.Histogram[b] > 0)
            {
                output.WriteLine($"{b * 50,5}-{b * 50 + 49,5} C: {summary.Histogram[b]}");
            }
        }

        output.WriteLine($"Crack rate: {summary.CrackRate:P1} over {summary.Total} firings");
        return 0;
    }
}
