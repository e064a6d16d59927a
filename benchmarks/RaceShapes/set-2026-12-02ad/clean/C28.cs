namespace Blind30.ObservatoryDome;

/// <summary>
/// Coordinates a night's observing: scripts queued by astronomers wait until the dome
/// shutter is open before slewing. The dome controller thread reports the opening;
/// the night can also be abandoned for weather.
/// </summary>
public sealed class ObservingNight
{
    private readonly TaskCompletionSource<bool> _domeOpened =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openReported;
    private DateTime _openedAtUtc;
    private double _skyQualityMag;

    /// <summary>Called by the dome controller when the shutter reports fully open.</summary>
    public void ReportShutterOpen(double skyQualityMag)
    {
        if (Interlocked.Exchange(ref _openReported, 1) != 0)
        {
            return;
        }

        _openedAtUtc = DateTime.UtcNow;
        _skyQualityMag = skyQualityMag;
        _domeOpened.TrySetResult(true);
    }

    /// <summary>Called by the weather station when cloud or wind closes the night.</summary>
    public void Abandon(string reason) =>
        _domeOpened.TrySetException(new OperationCanceledException($"Night abandoned: {reason}"));

    /// <summary>Runs an observing script once the dome is open.</summary>
    public async Task<string> RunScriptAsync(string target, double minimumSkyQuality, Func<string, Task<int>> expose, CancellationToken ct)
    {
        await _domeOpened.Task.WaitAsync(ct).ConfigureAwait(false);

        if (_skyQualityMag < minimumSkyQuality)
        {
            return $"{target}: skipped, sky {_skyQualityMag:F1} mag/arcsec² below {minimumSkyQuality:F1}";
        }

        var waited = DateTime.UtcNow - _openedAtUtc;
        int frames = await expose(target).ConfigureAwait(false);
        return $"{target}: {frames} frames, started {waited.TotalMinutes:F0} min after opening";
    }
}

/// <summary>Queues the astronomers' scripts for the night and gathers their results.</summary>
public static class NightQueue
{
    public static async Task<IReadOnlyList<string>> RunAllAsync(
        ObservingNight night, IEnumerable<(string Target, double MinSky)> scripts, Func<string, Task<int>> expose, CancellationToken ct)
    {
        var runs = scripts.Select(s => night.RunScriptAsync(s.Target, s.MinSky, expose, ct));
        try
        {
            return await Task.WhenAll(runs).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            return new[] { ex.Message };
        }
    }
}
