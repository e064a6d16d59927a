namespace WineCellar.Alarms;

public sealed record AlarmState(string Zone, bool Active, double LastCelsius, DateTime ChangedUtc);

/// <summary>
/// Raises over-temperature alarms for the cellar zones. Samples arrive from the sensor
/// thread; a System.Threading.Timer re-evaluates stale zones; the web UI reads states.
/// </summary>
public sealed class CellarAlarmMonitor : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, AlarmState> _zones = new();
    private readonly Dictionary<string, DateTime> _lastSample = new();
    private readonly Timer _staleCheck;
    private readonly double _maxCelsius;

    public CellarAlarmMonitor(double maxCelsius)
    {
        _maxCelsius = maxCelsius;
        _staleCheck = new Timer(_ => MarkStaleZones(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public void OnSample(string zone, double celsius)
    {
        var now = DateTime.UtcNow;
        lock (_lock)
        {
            _lastSample[zone] = now;
            var active = celsius > _maxCelsius;
            if (!_zones.TryGetValue(zone, out var state) || state.Active != active)
                _zones[zone] = new AlarmState(zone, active, celsius, now);
            else
                _zones[zone] = state with { LastCelsius = celsius };
        }
    }

    private void MarkStaleZones()
    {
        var now = DateTime.UtcNow;
        lock (_lock)
        {
            foreach (var (zone, at) in _lastSample)
            {
                if (now - at > TimeSpan.FromMinutes(10) && _zones.TryGetValue(zone, out var state) && !state.Active)
                    _zones[zone] = state with { Active = true, ChangedUtc = now };
            }
        }
    }

    public IReadOnlyList<AlarmState> ActiveAlarms()
    {
        lock (_lock)
        {
            return _zones.Values.Where(z => z.Active).ToList();
        }
    }

    public void Dispose() => _staleCheck.Dispose();
}
