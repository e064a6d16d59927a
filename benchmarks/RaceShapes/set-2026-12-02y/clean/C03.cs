using System.ComponentModel;

namespace Falconry.Hawking;

public sealed class HoodingEventArgs : EventArgs
{
    public HoodingEventArgs(string bird, bool hooded) { Bird = bird; Hooded = hooded; }
    public string Bird { get; }
    public bool Hooded { get; }
}

/// <summary>
/// Watches the RFID readers on the weathering blocks. Events are raised on the
/// thread-pool thread that services the reader callback.
/// </summary>
public sealed class WeatheringYardSensor : IDisposable
{
    private readonly Timer _timer;
    private readonly Func<IReadOnlyList<(string, bool)>> _poll;

    public WeatheringYardSensor(Func<IReadOnlyList<(string, bool)>> poll)
    {
        _poll = poll;
        _timer = new Timer(_ => Raise(), null, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    public event EventHandler<HoodingEventArgs>? HoodingChanged;

    private void Raise()
    {
        foreach (var (bird, hooded) in _poll())
        {
            HoodingChanged?.Invoke(this, new HoodingEventArgs(bird, hooded));
        }
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>
/// Summary panel for the weathering yard. Its properties are read by the shell's
/// bindings; updates arrive from the sensor's callback thread.
/// </summary>
public sealed class WeatheringYardViewModel : INotifyPropertyChanged, IDisposable
{
    private readonly object _gate = new();
    private readonly WeatheringYardSensor _sensor;
    private readonly Dictionary<string, bool> _hooded = new(StringComparer.Ordinal);
    private DateTime _lastChange;

    public WeatheringYardViewModel(WeatheringYardSensor sensor)
    {
        _sensor = sensor;
        _sensor.HoodingChanged += OnHoodingChanged;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public int HoodedCount
    {
        get
        {
            lock (_gate) return _hooded.Count(kv => kv.Value);
        }
    }

    public string LastChange
    {
        get
        {
            lock (_gate) return _lastChange == default ? "never" : _lastChange.ToString("HH:mm:ss");
        }
    }

    public IReadOnlyList<string> UnhoodedBirds
    {
        get
        {
            lock (_gate) return _hooded.Where(kv => !kv.Value).Select(kv => kv.Key).OrderBy(n => n).ToList();
        }
    }

    private void OnHoodingChanged(object? sender, HoodingEventArgs e)
    {
        bool changed;
        lock (_gate)
        {
            changed = !_hooded.TryGetValue(e.Bird, out var prev) || prev != e.Hooded;
            _hooded[e.Bird] = e.Hooded;
            if (changed) _lastChange = DateTime.Now;
        }

        if (changed)
        {
            PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(HoodedCount)));
            PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(UnhoodedBirds)));
            PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(LastChange)));
        }
    }

    public void Dispose() => _sensor.HoodingChanged -= OnHoodingChanged;
}
