using Microsoft.Extensions.Logging;

namespace Harborlight.Lamps.Faults;

public sealed record LampFault(DateTimeOffset DetectedAt, string Code, double AngleDegrees);

/// <summary>
/// Checks the lamp drive every two seconds for stalls and keeps the recent faults
/// for the keeper's dashboard. Registered as a singleton in the lighthouse control host.
/// </summary>
public sealed class LampFaultWatcher : IDisposable
{
    private const int MaxFaults = 200;

    private readonly object _sync = new();
    private readonly List<LampFault> _faults = new();
    private readonly Func<double> _readEncoder;
    private readonly ILogger<LampFaultWatcher> _logger;
    private readonly Timer _timer;
    private double _previousAngle = double.NaN;
    private int _stalledTicks;

    public LampFaultWatcher(Func<double> readEncoder, ILogger<LampFaultWatcher> logger)
    {
        _readEncoder = readEncoder;
        _logger = logger;
        _timer = new Timer(OnTick, null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    private void OnTick(object? state)
    {
        double angle;
        try
        {
            angle = _readEncoder();
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Encoder read failed");
            return;
        }

        lock (_sync)
        {
            if (!double.IsNaN(_previousAngle) && Math.Abs(angle - _previousAngle) < 0.01)
            {
                _stalledTicks++;
                if (_stalledTicks == 3)
                {
                    _faults.Add(new LampFault(DateTimeOffset.UtcNow, "DRIVE_STALL", angle));
                    if (_faults.Count > MaxFaults)
                    {
                        _faults.RemoveAt(0);
                    }
                }
            }
            else
            {
                _stalledTicks = 0;
            }
            _previousAngle = angle;
        }
    }

    public IReadOnlyList<LampFault> RecentFaults()
    {
        lock (_sync)
        {
            return _faults.ToArray();
        }
    }

    public bool IsStalled
    {
        get
        {
            lock (_sync)
            {
                return _stalledTicks >= 3;
            }
        }
    }

    public void Acknowledge()
    {
        lock (_sync)
        {
            _faults.Clear();
        }
    }

    public void Dispose() => _timer.Dispose();
}
