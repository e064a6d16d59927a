using Microsoft.Extensions.Hosting;

namespace Blind37.GliderClub.Launches;

public readonly record struct WinchSample(int CableTensionDaN, int DrumRpm, bool LaunchInProgress);

/// <summary>Aggregate of the last polling window, replaced wholesale on every tick.</summary>
public sealed record WinchStatus(int Launches, int PeakTensionDaN, double AverageRpm, DateTime UpdatedUtc);

/// <summary>
/// Polls the winch telemetry box once a second and keeps a running launch count and
/// peak cable tension for the launch-point display. The status is read by the club's
/// web dashboard; registered as a hosted service and as a singleton.
/// </summary>
public sealed class WinchTelemetryService : BackgroundService
{
    private readonly Func<CancellationToken, ValueTask<WinchSample>> _readSample;
    private WinchStatus _status = new(0, 0, 0, DateTime.MinValue);

    public WinchTelemetryService(Func<CancellationToken, ValueTask<WinchSample>> readSample)
    {
        _readSample = readSample;
    }

    public WinchStatus Status => Volatile.Read(ref _status);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var launches = 0;
        var peakTension = 0;
        var rpmTotal = 0L;
        var samples = 0;
        var wasLaunching = false;

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                WinchSample sample;
                try
                {
                    sample = await _readSample(stoppingToken).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    continue;
                }

                if (sample.LaunchInProgress && !wasLaunching)
                {
                    launches++;
                }
                wasLaunching = sample.LaunchInProgress;
                peakTension = Math.Max(peakTension, sample.CableTensionDaN);
                rpmTotal += sample.DrumRpm;
                samples++;

                Volatile.Write(ref _status, new WinchStatus(launches, peakTension, (double)rpmTotal / samples, DateTime.UtcNow));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>Minimal API handler for the launch-point display.</summary>
public sealed class LaunchPointDashboard
{
    private readonly WinchTelemetryService _telemetry;

    public LaunchPointDashboard(WinchTelemetryService telemetry) => _telemetry = telemetry;

    public object Get()
    {
        var status = _telemetry.Status;
        var stale = DateTime.UtcNow - status.UpdatedUtc > TimeSpan.FromSeconds(10);
        return new { status.Launches, status.PeakTensionDaN, status.AverageRpm, Stale = stale };
    }
}
