namespace Blind42.SlateQuarry.Splitting;

public sealed record SplitBlock(string Id, double AreaM2, double DepthMm, int Flaws);

public sealed record SplittingForecast(double SlatesPerDay, int BlocksAccepted, int BlocksRejected);

/// <summary>
/// Forecasts the splitting shed's output from the morning's block survey.
/// </summary>
public sealed class SplittingForecaster
{
    private const double SlateThicknessMm = 5.5;
    private const double SlateAreaM2 = 0.1;

    private readonly object _totalsLock = new();
    private readonly int _maxFlaws;

    public SplittingForecaster(int maxFlaws) => _maxFlaws = maxFlaws;

    public SplittingForecast Forecast(IEnumerable<SplitBlock> blocks)
    {
        double slates = 0;
        var accepted = 0;
        var rejected = 0;

        Parallel.ForEach(
            blocks,
            () => (Slates: 0.0, Accepted: 0, Rejected: 0),
            (block, _, local) =>
            {
                if (block.Flaws > _maxFlaws)
                {
                    return (local.Slates, local.Accepted, local.Rejected + 1);
                }

                var layers = Math.Floor(block.DepthMm / SlateThicknessMm);
                var perLayer = Math.Floor(block.AreaM2 * 0.75 / SlateAreaM2);
                return (local.Slates + layers * perLayer, local.Accepted + 1, local.Rejected);
            },
            local =>
            {
                lock (_totalsLock)
                {
                    slates += local.Slates;
                    accepted += local.Accepted;
                    rejected += local.Rejected;
                }
            });

        return new SplittingForecast(slates, accepted, rejected);
    }
}

/// <summary>Runs the forecast for each face concurrently and combines the results.</summary>
public static class QuarryForecast
{
    public static async Task<SplittingForecast> ForAllFacesAsync(
        SplittingForecaster forecaster,
        IReadOnlyDictionary<string, IReadOnlyList<SplitBlock>> blocksByFace)
    {
        var perFace = await Task.WhenAll(
            blocksByFace.Values.Select(blocks => Task.Run(() => forecaster.Forecast(blocks))));

        return new SplittingForecast(
            perFace.Sum(f => f.SlatesPerDay),
            perFace.Sum(f => f.BlocksAccepted),
            perFace.Sum(f => f.BlocksRejected));
    }
}
