namespace SushiBar.Kitchen;

public sealed record FreshnessAlert(string Dish, int PlatesOverAge);

/// <summary>
/// Checks plate ages on the belt sensor feed every 20 seconds on a
/// thread-pool timer and raises <see cref="Alert"/> from that timer thread.
/// </summary>
public sealed class FreshnessMonitor : IDisposable
{
    private readonly Func<IReadOnlyList<(string Dish, TimeSpan Age)>> _scanBelt;
    private readonly TimeSpan _maxAge;
    private readonly Timer _timer;

    public FreshnessMonitor(Func<IReadOnlyList<(string Dish, TimeSpan Age)>> scanBelt, TimeSpan maxAge)
    {
        _scanBelt = scanBelt;
        _maxAge = maxAge;
        _timer = new Timer(_ => Check(), null, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20));
    }

    public event EventHandler<FreshnessAlert>? Alert;

    private void Check()
    {
        foreach (var group in _scanBelt().Where(p => p.Age > _maxAge).GroupBy(p => p.Dish))
        {
            Alert?.Invoke(this, new FreshnessAlert(group.Key, group.Count()));
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>
/// Alert panel shown on the head chef's screen. The screen refresh loop calls
/// <see cref="CurrentAlerts"/> while alerts arrive from the monitor.
/// </summary>
public sealed class ChefAlertPanel
{
    private readonly object _sync = new();
    private readonly List<(DateTime At, FreshnessAlert Alert)> _alerts = new();
    private readonly TimeSpan _retention = TimeSpan.FromMinutes(10);
    private int _totalAlerts;

    public ChefAlertPanel(FreshnessMonitor monitor)
    {
        monitor.Alert += OnAlert;
    }

    private void OnAlert(object? sender, FreshnessAlert alert)
    {
        var now = DateTime.UtcNow;
        lock (_sync)
        {
            _alerts.RemoveAll(a => now - a.At > _retention);
            _alerts.Add((now, alert));
            _totalAlerts++;
        }
    }

    public IReadOnlyList<string> CurrentAlerts()
    {
        List<(DateTime At, FreshnessAlert Alert)> copy;
        lock (_sync)
        {
            copy = new List<(DateTime, FreshnessAlert)>(_alerts);
        }

        return copy
            .OrderByDescending(a => a.At)
            .Select(a => $"{a.At:HH:mm:ss} {a.Alert.Dish}: {a.Alert.PlatesOverAge} plate(s) past {_retention.TotalMinutes:F0} min window")
            .ToList();
    }

    public int TotalAlerts
    {
        get
        {
            lock (_sync)
            {
                return _totalAlerts;
            }
        }
    }

    public void Acknowledge(string dish)
    {
        lock (_sync)
        {
            _alerts.RemoveAll(a => a.Alert.Dish == dish);
        }
    }
}
