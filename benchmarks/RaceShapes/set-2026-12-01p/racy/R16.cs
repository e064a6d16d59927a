using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.TidalEnergy.Forecasting;

public sealed record TidalForecast(string SiteId, DateTimeOffset IssuedAt, double[] HourlyOutputMw);

public sealed record ForecastReport(TidalForecast Forecast, TimeSpan ModelRunTime, double PeakMw);

public interface IHarmonicModel
{
    TidalForecast Run(string siteId, DateTimeOffset start, int hours);
}

/// <summary>
/// A single forecast model run for a tidal stream site. The model runs on the thread
/// pool; the dispatch dashboard awaits the report.
/// </summary>
public sealed class TidalForecastRun
{
    private readonly TaskCompletionSource<TidalForecast> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _modelRunTime;

    public void Start(IHarmonicModel model, string siteId, DateTimeOffset start, int hours)
    {
        _ = Task.Run(() =>
        {
            var stopwatch = Stopwatch.StartNew();
            try
            {
                var forecast = model.Run(siteId, start, hours);
                _completion.TrySetResult(forecast);
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
            }

            _modelRunTime = stopwatch.Elapsed;
        });
    }

    public async Task<ForecastReport> GetReportAsync(CancellationToken ct)
    {
        var forecast = await _completion.Task.WaitAsync(ct).ConfigureAwait(false);

        var peak = 0.0;
        foreach (var mw in forecast.HourlyOutputMw)
        {
            peak = Math.Max(peak, mw);
        }

        return new ForecastReport(forecast, _modelRunTime, peak);
    }
}

public static class ForecastDashboard
{
    public static async Task<string> RefreshAsync(IHarmonicModel model, string siteId, CancellationToken ct)
    {
        var run = new TidalForecastRun();
        run.Start(model, siteId, DateTimeOffset.UtcNow, hours: 48);

        var report = await run.GetReportAsync(ct).ConfigureAwait(false);
        return $"{siteId}: peak {report.PeakMw:F1} MW over 48h (model took {report.ModelRunTime.TotalSeconds:F1}s)";
    }
}
