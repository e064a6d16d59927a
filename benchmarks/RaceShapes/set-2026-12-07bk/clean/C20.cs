namespace Blind63.RiverGauging.Telemetry;

public interface IGaugeStation
{
    string StationId { get; }
    double ReadStageMetres();
}

public interface IHydrometryArchive
{
    void Store(string stationId, double stageMetres, DateTimeOffset at, long readingsSinceLastReport);
}

/// <summary>
/// Polls a river gauging station. The poll interval shortens when the river
/// is rising quickly and relaxes again in normal flow. The timer is one-shot
/// and re-armed at the end of each callback.
/// </summary>
public sealed class AdaptiveStagePoller : IDisposable
{
    private static readonly TimeSpan Normal = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Spate = TimeSpan.FromMinutes(2);

    private readonly IGaugeStation _station;
    private readonly IHydrometryArchive _archive;
    private readonly Timer _timer;
    private readonly object _timerGate = new();
    private bool _disposed;
    private int _started;

    // Previous sample, used to work out the rate of rise.
    private double? _previousStage;
    private DateTimeOffset _previousAt;

    private long _readingsThisHour;
    private double _latestStage = double.NaN;

    public AdaptiveStagePoller(IGaugeStation station, IHydrometryArchive archive)
    {
        _station = station;
        _archive = archive;
        _timer = new Timer(Poll, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            Rearm(TimeSpan.Zero);
        }
    }

    public double LatestStage => Volatile.Read(ref _latestStage);

    /// <summary>Called by the hourly report job; returns and clears the reading count.</summary>
    public long TakeHourlyCount() => Interlocked.Exchange(ref _readingsThisHour, 0);

    private void Poll(object? state)
    {
        var next = Normal;
        try
        {
            var now = DateTimeOffset.UtcNow;
            double stage = _station.ReadStageMetres();
            long count = Interlocked.Increment(ref _readingsThisHour);
            Volatile.Write(ref _latestStage, stage);

            if (_previousStage is double prev)
            {
                double hours = (now - _previousAt).TotalHours;
                double risePerHour = hours > 0 ? (stage - prev) / hours : 0;
                if (risePerHour > 0.1)
                {
                    next = Spate;
                }
            }

            _previousStage = stage;
            _previousAt = now;
            _archive.Store(_station.StationId, stage, now, count);
        }
        catch (Exception)
        {
            next = Spate;
        }
        finally
        {
            Rearm(next);
        }
    }

    private void Rearm(TimeSpan due)
    {
        lock (_timerGate)
        {
            if (!_disposed)
            {
                _timer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_timerGate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }
}
