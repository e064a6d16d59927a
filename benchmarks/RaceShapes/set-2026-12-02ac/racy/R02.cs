namespace Blind29.Lighthouse.FogSignals;

public sealed record SignalStation(string Id, string Name, double VisibilityThresholdMetres);

public interface IVisibilitySensor
{
    double ReadVisibilityMetres(string stationId);
}

public interface IHornController
{
    void Sound(string stationId, TimeSpan duration);
}

/// <summary>
/// Sounds the fog horns of the coastal stations whenever measured visibility drops
/// below the station's threshold. The status page calls <see cref="LastSoundedSnapshot"/>.
/// </summary>
public sealed class FogSignalScheduler : IDisposable
{
    private readonly IVisibilitySensor _sensor;
    private readonly IHornController _horn;
    private readonly List<SignalStation> _stations = new();
    private readonly Dictionary<string, DateTimeOffset> _lastSounded = new();
    private readonly Timer _timer;

    public FogSignalScheduler(IVisibilitySensor sensor, IHornController horn, TimeSpan interval)
    {
        _sensor = sensor;
        _horn = horn;
        _timer = new Timer(OnTick, null, interval, interval);
    }

    public void AddStation(SignalStation station)
    {
        lock (_stations)
        {
            _stations.Add(station);
        }
    }

    private void OnTick(object? state)
    {
        SignalStation[] stations;
        lock (_stations)
        {
            stations = _stations.ToArray();
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var station in stations)
        {
            var visibility = _sensor.ReadVisibilityMetres(station.Id);
            if (visibility >= station.VisibilityThresholdMetres)
            {
                continue;
            }

            _horn.Sound(station.Id, TimeSpan.FromSeconds(2));
            _lastSounded[station.Id] = now;
        }
    }

    /// <summary>Copy of the last time each station sounded, for the status page.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> LastSoundedSnapshot()
    {
        return new Dictionary<string, DateTimeOffset>(_lastSounded);
    }

    public void Dispose() => _timer.Dispose();
}
