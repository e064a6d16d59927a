namespace Blind26.TapestryLoom.Warping;

public sealed record WarpThread(int Index, double TensionCn, double LengthCm, bool Knotted);

public sealed record WarpTensionReport(double MeanTensionCn, int SlackThreads, int KnottedThreads, double[] BandAverages);

/// <summary>Analyses warp tension readings taken after warping a tapestry loom.</summary>
public static class WarpTensionAnalyzer
{
    private sealed class Partial
    {
        public double Sum;
        public int Count;
        public int Slack;
        public int Knotted;
    }

    public static WarpTensionReport Analyze(IReadOnlyList<WarpThread> threads, double slackBelowCn, int bands)
    {
        var merged = new Partial();
        var mergeLock = new object();

        Parallel.For(0, threads.Count,
            () => new Partial(),
            (i, _, local) =>
            {
                var t = threads[i];
                local.Sum += t.TensionCn;
                local.Count++;
                if (t.TensionCn < slackBelowCn)
                {
                    local.Slack++;
                }

                if (t.Knotted)
                {
                    local.Knotted++;
                }

                return local;
            },
            local =>
            {
                lock (mergeLock)
                {
                    merged.Sum += local.Sum;
                    merged.Count += local.Count;
                    merged.Slack += local.Slack;
                    merged.Knotted += local.Knotted;
                }
            });

        var bandAverages = new double[bands];
        int perBand = Math.Max(1, threads.Count / bands);
        Parallel.For(0, bands, b =>
        {
            int start = b * perBand;
            int end = b == bands - 1 ? threads.Count : Math.Min(threads.Count, start + perBand);
            double sum = 0;
            for (int i = start; i < end; i++)
            {
                sum += threads[i].TensionCn;
            }

            bandAverages[b] = end > start ? sum / (end - start) : 0;
        });

        double mean = merged.Count == 0 ? 0 : merged.Sum / merged.Count;
        return new WarpTensionReport(mean, merged.Slack, merged.Knotted, bandAverages);
    }
}
