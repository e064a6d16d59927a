namespace Agriculture.SoilMoisture;

public interface ISoilProbe
{
    Task<double> ReadVolumetricPercentAsync(CancellationToken token);
}

public interface IZoneValve
{
    Task SetAsync(bool open, CancellationToken token);
}

public sealed record ZoneStatus(double MoisturePercent, bool ValveOpen, DateTime CheckedAt, int CyclesToday);

/// <summary>
/// Closed-loop watering for one field zone: opens the valve when the smoothed soil
/// moisture falls below the set point and closes it once it recovers.
/// </summary>
public sealed class SoilMoistureLoop
{
    private readonly ISoilProbe _probe;
    private readonly IZoneValve _valve;
    private readonly double _lowPercent;
    private readonly double _highPercent;
    private ZoneStatus _status = new(0, false, DateTime.MinValue, 0);

    public SoilMoistureLoop(ISoilProbe probe, IZoneValve valve, double lowPercent, double highPercent)
    {
        _probe = probe;
        _valve = valve;
        _lowPercent = lowPercent;
        _highPercent = highPercent;
    }

    /// <summary>Read by the farm dashboard.</summary>
    public ZoneStatus Status => Volatile.Read(ref _status);

    public async Task RunAsync(TimeSpan interval, CancellationToken token)
    {
        using var timer = new PeriodicTimer(interval);
        double? smoothed = null;
        var open = false;
        var cycles = 0;
        var day = DateTime.Today;

        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
        {
            if (DateTime.Today != day)
            {
                day = DateTime.Today;
                cycles = 0;
            }

            var reading = await _probe.ReadVolumetricPercentAsync(token).ConfigureAwait(false);
            smoothed = smoothed is null ? reading : smoothed * 0.7 + reading * 0.3;

            if (!open && smoothed < _lowPercent)
            {
                await _valve.SetAsync(true, token).ConfigureAwait(false);
                open = true;
                cycles++;
            }
            else if (open && smoothed > _highPercent)
            {
                await _valve.SetAsync(false, token).ConfigureAwait(false);
                open = false;
            }

            Volatile.Write(ref _status, new ZoneStatus(smoothed.Value, open, DateTime.Now, cycles));
        }
    }
}
