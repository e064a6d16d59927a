using Microsoft.Extensions.Logging;

namespace Harborlight.Lamps.Rotation;

/// <summary>
/// One sample of the lamp turret position taken by the rotation poller.
/// </summary>
public sealed record LampReading(DateTimeOffset TakenAt, double AngleDegrees, double Rpm);

/// <summary>
/// Polls the turret encoder once a second and keeps a short rolling history
/// that the status page and the keeper's dashboard read from.
/// Registered as a singleton in the lighthouse control host.
/// </summary>
public sealed class LampRotationMonitor : IDisposable
{
    private const int MaxHistory = 600;

    private readonly List<LampReading> _history = new();
    private readonly object _historyGate = new();
    private readonly Func<double> _readEncoder;
    private readonly ILogger<LampRotationMonitor> _logger;
    private readonly Timer _timer;
    private double _lastAngle;
    private DateTimeOffset _lastSampleAt = DateTimeOffset.UtcNow;

    public LampRotationMonitor(Func<double> readEncoder, ILogger<LampRotationMonitor> logger)
    {
        _readEncoder = readEncoder;
        _logger = logger;
        _timer = new Timer(OnTick, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
    }

    private void OnTick(object? state)
    {
        try
        {
            var now = DateTimeOffset.UtcNow;
            var angle = _readEncoder();
            var elapsed = (now - _lastSampleAt).TotalMinutes;
            var delta = angle - _lastAngle;
            if (delta < 0)
            {
                delta += 360.0;
            }

            var rpm = elapsed > 0 ? (delta / 360.0) / elapsed : 0;
            _lastAngle = angle;
            _lastSampleAt = now;

            _history.Add(new LampReading(now, angle, rpm));
            if (_history.Count > MaxHistory)
            {
                lock (_historyGate)
                {
                    _history.RemoveRange(0, _history.Count - MaxHistory);
                }
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Encoder read failed");
        }
        finally
        {
            // re-arm only after this sample is finished so ticks never overlap
            _timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Returns the readings taken within the given window, oldest first.</summary>
    public IReadOnlyList<LampReading> GetHistory(TimeSpan window)
    {
        var cutoff = DateTimeOffset.UtcNow - window;
        lock (_historyGate)
        {
            return _history.Where(r => r.TakenAt >= cutoff).ToArray();
        }
    }

    public double AverageRpm(TimeSpan window)
    {
        var readings = GetHistory(window);
        return readings.Count == 0 ? 0 : readings.Average(r => r.Rpm);
    }

    public void Dispose() => _timer.Dispose();
}
