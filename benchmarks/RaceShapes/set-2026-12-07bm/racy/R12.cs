using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Blind65.BargeCanals.LockKeeping;

public sealed record WaterLevelReading(DateTimeOffset At, string Chamber, double LevelMetres);

public interface IWaterLevelGauge
{
    Task<WaterLevelReading> ReadAsync(CancellationToken token);
}

/// <summary>
/// View-model for the lock-keeper's panel. Gauge readings are polled in the
/// background and the panel asks for the history to draw the level chart.
/// </summary>
public sealed class LockChamberViewModel : INotifyPropertyChanged
{
    private readonly object _historyLock = new();
    private readonly List<WaterLevelReading> _history = new();
    private readonly IWaterLevelGauge _gauge;
    private double _latestLevel;

    public LockChamberViewModel(IWaterLevelGauge gauge) => _gauge = gauge;

    public event PropertyChangedEventHandler? PropertyChanged;

    public double LatestLevel
    {
        get => Volatile.Read(ref _latestLevel);
        private set
        {
            Volatile.Write(ref _latestLevel, value);
            OnPropertyChanged();
        }
    }

    public IReadOnlyList<WaterLevelReading> History
    {
        get
        {
            lock (_historyLock)
            {
                return _history;
            }
        }
    }

    public double AverageLevelSince(DateTimeOffset since)
    {
        var total = 0.0;
        var count = 0;
        foreach (var reading in History)
        {
            if (reading.At >= since)
            {
                total += reading.LevelMetres;
                count++;
            }
        }
        return count == 0 ? double.NaN : total / count;
    }

    public async Task PollAsync(TimeSpan interval, CancellationToken token)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
        {
            var reading = await _gauge.ReadAsync(token).ConfigureAwait(false);
            lock (_historyLock)
            {
                _history.Add(reading);
                if (_history.Count > 720)
                {
                    _history.RemoveAt(0);
                }
            }
            LatestLevel = reading.LevelMetres;
        }
    }

    private void OnPropertyChanged([CallerMemberName] string? name = null) =>
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));
}
