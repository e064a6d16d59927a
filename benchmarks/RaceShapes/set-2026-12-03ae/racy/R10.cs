using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Timers;

namespace Blind31.KiteFestivals.Desktop;

public readonly record struct WindReading(DateTime TakenAt, double SpeedKnots, double GustKnots);

public interface IAnemometer
{
    WindReading Read();
}

/// <summary>
/// View-model behind the festival field marshal's wind board. The anemometer is polled
/// in the background; the marshal presses "Recalculate" to refresh the gust average.
/// </summary>
public sealed class WindBoardViewModel : INotifyPropertyChanged, IDisposable
{
    private const int MaxReadings = 120;

    private readonly IAnemometer _anemometer;
    private readonly System.Timers.Timer _pollTimer;
    private readonly List<WindReading> _readings = new();
    private double _averageGust;

    public WindBoardViewModel(IAnemometer anemometer)
    {
        _anemometer = anemometer;
        _pollTimer = new System.Timers.Timer(1000) { AutoReset = true };
        _pollTimer.Elapsed += OnPollElapsed;
        _pollTimer.Start();
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public double AverageGust
    {
        get => _averageGust;
        private set
        {
            _averageGust = value;
            OnPropertyChanged();
        }
    }

    private void OnPollElapsed(object? sender, ElapsedEventArgs e)
    {
        var reading = _anemometer.Read();
        _readings.Add(reading);
        if (_readings.Count > MaxReadings)
        {
            _readings.RemoveAt(0);
        }
    }

    /// <summary>Bound to the Recalculate button.</summary>
    public void RecalculateAverage()
    {
        double sum = 0;
        int count = 0;
        foreach (var reading in _readings)
        {
            sum += reading.GustKnots;
            count++;
        }

        AverageGust = count == 0 ? 0 : sum / count;
    }

    private void OnPropertyChanged([CallerMemberName] string? name = null)
    {
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
    }

    public void Dispose()
    {
        _pollTimer.Elapsed -= OnPollElapsed;
        _pollTimer.Dispose();
    }
}
