namespace Blind30.RiverDredging;

public sealed record Sounding(double ChainageM, double OffsetM, double DepthM);

public sealed record Shoal(double FromChainageM, double ToChainageM, double MinDepthM);

public sealed record ChannelSurveyReport(IReadOnlyList<Shoal> Shoals, double ShallowestM, double SpoilEstimateM3);

/// <summary>
/// Processes a multibeam survey of the navigation channel after each dredging
/// campaign. Used by the survey desktop app, which keeps its UI responsive by running
/// the analysis in the background.
/// </summary>
public sealed class ChannelSurveyProcessor
{
    private readonly double _designDepthM;
    private readonly double _cellAreaM2;

    public ChannelSurveyProcessor(double designDepthM, double cellAreaM2)
    {
        _designDepthM = designDepthM;
        _cellAreaM2 = cellAreaM2;
    }

    public async Task<ChannelSurveyReport> AnalyseAsync(IReadOnlyList<Sounding> soundings, CancellationToken ct)
    {
        var shoals = new List<Shoal>();
        double shallowest = double.MaxValue;
        double spoil = 0;

        await Task.Run(Scan, ct).ConfigureAwait(false);

        return new ChannelSurveyReport(shoals, shallowest == double.MaxValue ? 0 : shallowest, spoil);

        void Scan()
        {
            Shoal? open = null;
            foreach (var s in soundings.OrderBy(s => s.ChainageM))
            {
                ct.ThrowIfCancellationRequested();
                shallowest = Math.Min(shallowest, s.DepthM);

                if (s.DepthM < _designDepthM)
                {
                    spoil += (_designDepthM - s.DepthM) * _cellAreaM2;
                    open = open is null
                        ? new Shoal(s.ChainageM, s.ChainageM, s.DepthM)
                        : open with { ToChainageM = s.ChainageM, MinDepthM = Math.Min(open.MinDepthM, s.DepthM) };
                }
                else if (open is not null)
                {
                    shoals.Add(open);
                    open = null;
                }
            }

            if (open is not null)
            {
                shoals.Add(open);
            }
        }
    }
}
