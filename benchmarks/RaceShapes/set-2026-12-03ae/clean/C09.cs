using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Blind31.KiteFestivals.Desktop;

public readonly record struct LineTension(DateTime TakenAt, string KiteTeam, double Newtons);

public interface ITensionSensor
{
    LineTension Read();
}

/// <summary>
/// View-model for the kite festival's line-tension monitor. Sensor readings arrive from a
/// background poll timer; the window shows the latest readings and a peak value on demand.
/// </summary>
public sealed class TensionMonitorViewModel : INotifyPropertyChanged, IDisposable
{
    private const int MaxReadings = 200;

    private readonly ITensionSensor _sensor;
    private readonly System.Threading.Timer _pollTimer;
    private readonly object _readingsLock = new();
    private readonly Queue<LineTension> _readings = new();
    private double _peakNewtons;

    public TensionMonitorViewModel(ITensionSensor sensor)
    {
        _sensor = sensor;
        _pollTimer = new System.Threading.Timer(Poll, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    /// <summary>Peak tension over the retained readings; set by <see cref="RefreshPeak"/> on the UI thread.</summary>
    public double PeakNewtons
    {
        get => _peakNewtons;
        private set
        {
            _peakNewtons = value;
            OnPropertyChanged();
        }
    }

    public IReadOnlyList<LineTension> ReadingsSnapshot()
    {
        lock (_readingsLock)
        {
            return _readings.ToArray();
        }
    }

    private void Poll(object? state)
    {
        var reading = _sensor.Read();
        lock (_readingsLock)
        {
            _readings.Enqueue(reading);
            while (_readings.Count > MaxReadings)
            {
                _readings.Dequeue();
            }
        }
    }

    /// <summary>Bound to the "Refresh peak" button.</summary>
    public void RefreshPeak()
    {
        var snapshot = ReadingsSnapshot();
        PeakNewtons = snapshot.Count == 0 ? 0 : snapshot.Max(r => r.Newtons);
    }

    private void OnPropertyChanged([CallerMemberName] string? name = null)
    {
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
    }

    public void Dispose() => _pollTimer.Dispose();
}
