using Microsoft.Extensions.Logging;

namespace SkyPixel.Shows.GroundStation;

public sealed class BatteryReportEventArgs : EventArgs
{
    public BatteryReportEventArgs(int droneId, double percent)
    {
        DroneId = droneId;
        Percent = percent;
    }

    public int DroneId { get; }
    public double Percent { get; }
}

/// <summary>
/// Receives telemetry packets from the radio link. <see cref="BatteryReported"/> is raised
/// from the radio receive threads, one per antenna.
/// </summary>
public interface IDroneTelemetryLink
{
    event EventHandler<BatteryReportEventArgs>? BatteryReported;
}

public interface IReserveDroneDispatcher
{
    Task<int?> SwapInReserveAsync(int failingDroneId);
}

/// <summary>
/// Watches drone batteries during a show and swaps in reserves for drones running low.
/// </summary>
public sealed class BatteryWatchdog
{
    private readonly object _sync = new();
    private readonly Dictionary<int, double> _lastPercent = new();
    private readonly HashSet<int> _swapped = new();
    private readonly IReserveDroneDispatcher _dispatcher;
    private readonly ILogger<BatteryWatchdog> _logger;

    public BatteryWatchdog(IDroneTelemetryLink link, IReserveDroneDispatcher dispatcher, ILogger<BatteryWatchdog> logger)
    {
        _dispatcher = dispatcher;
        _logger = logger;
        link.BatteryReported += OnBatteryReported;
    }

    public IReadOnlyDictionary<int, double> LastKnown
    {
        get
        {
            lock (_sync)
            {
                return new Dictionary<int, double>(_lastPercent);
            }
        }
    }

    private async void OnBatteryReported(object? sender, BatteryReportEventArgs e)
    {
        try
        {
            bool needsSwap;
            lock (_sync)
            {
                _lastPercent[e.DroneId] = e.Percent;
                needsSwap = e.Percent < 18.0 && _swapped.Add(e.DroneId);
            }

            if (!needsSwap)
            {
                return;
            }

            var reserve = await _dispatcher.SwapInReserveAsync(e.DroneId);

            lock (_sync)
            {
                if (reserve is int id)
                {
                    _lastPercent[id] = 100.0;
                }
                else
                {
                    _swapped.Remove(e.DroneId); // allow another try on the next report
                }
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Reserve swap for drone {DroneId} failed", e.DroneId);
        }
    }
}
