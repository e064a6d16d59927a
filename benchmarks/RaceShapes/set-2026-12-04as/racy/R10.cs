namespace Blind45.Lighthouse.LampMonitoring;

public readonly record struct LampStatus(
    double IntensityCandela,
    double RotationRpm,
    double LensTemperatureC,
    DateTimeOffset SampledAt,
    bool OnStandbyLamp);

public interface ILampController
{
    (double Candela, double Rpm, double LensC, bool Standby) ReadSensors();
}

/// <summary>
/// Polls the lamp controller of one lighthouse and exposes the most recent reading to
/// the keeper's dashboard and the authority's status API.
/// </summary>
public sealed class LampMonitor : IDisposable
{
    private readonly ILampController _controller;
    private readonly string _stationName;
    private readonly Timer _poll;
    private LampStatus _latest;

    public LampMonitor(string stationName, ILampController controller, TimeSpan interval)
    {
        _stationName = stationName;
        _controller = controller;
        _poll = new Timer(Poll, null, Timeout.InfiniteTimeSpan, interval);
        PollInterval = interval;
    }

    public TimeSpan PollInterval { get; }

    /// <summary>Raised on the polling thread whenever the lamp falls back to standby.</summary>
    public event EventHandler<LampStatus>? StandbyEngaged;

    public LampStatus Latest => _latest;

    public string StationName => _stationName;

    public void Start() => _poll.Change(TimeSpan.Zero, PollInterval);

    private void Poll(object? state)
    {
        var (candela, rpm, lens, standby) = _controller.ReadSensors();
        var previous = _latest;

        _latest = new LampStatus(candela, rpm, lens, DateTimeOffset.UtcNow, standby);

        if (standby && !previous.OnStandbyLamp)
        {
            StandbyEngaged?.Invoke(this, new LampStatus(candela, rpm, lens, DateTimeOffset.UtcNow, standby));
        }
    }

    public void Dispose() => _poll.Dispose();
}

/// <summary>Answers the authority's GET /stations/{name}/lamp endpoint.</summary>
public sealed class LampStatusEndpoint
{
    private readonly IReadOnlyDictionary<string, LampMonitor> _monitors;

    public LampStatusEndpoint(IEnumerable<LampMonitor> monitors)
    {
        _monitors = monitors.ToDictionary(m => m.StationName, StringComparer.OrdinalIgnoreCase);
    }

    public object? Get(string station)
    {
        if (!_monitors.TryGetValue(station, out var monitor))
        {
            return null;
        }

        var status = monitor.Latest;
        var stale = DateTimeOffset.UtcNow - status.SampledAt > monitor.PollInterval * 3;
        return new
        {
            station = monitor.StationName,
            candela = status.IntensityCandela,
            rpm = status.RotationRpm,
            lensC = status.LensTemperatureC,
            standby = status.OnStandbyLamp,
            sampledAt = status.SampledAt,
            stale,
        };
    }
}
