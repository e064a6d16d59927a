using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Timers;

namespace Blind66.CanalLocks.Chamber;

public readonly record struct LevelReading(DateTimeOffset At, double MetresAboveSill);

public interface ILevelSensor
{
    LevelReading Read();
}

/// <summary>
/// View-model behind the lock-keeper's chamber panel. Polls the float sensor in the
/// background and exposes the current level and the rate at which the chamber is filling.
/// </summary>
public sealed class ChamberLevelViewModel : INotifyPropertyChanged, IDisposable
{
    private const int MaxHistory = 600;
    private readonly ILevelSensor _sensor;
    private readonly System.Timers.Timer _poll;
    private readonly SynchronizationContext? _ui;
    private readonly List<LevelReading> _history = new(MaxHistory);

    public ChamberLevelViewModel(ILevelSensor sensor, TimeSpan pollInterval)
    {
        _sensor = sensor;
        _ui = SynchronizationContext.Current;
        _poll = new System.Timers.Timer(pollInterval.TotalMilliseconds) { AutoReset = true };
        _poll.Elapsed += OnPoll;
        _poll.Start();
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    /// <summary>Bound to the level gauge; read on the UI thread.</summary>
    public double CurrentLevel => _history.Count == 0 ? 0 : _history[^1].MetresAboveSill;

    /// <summary>Metres per minute over the retained history; bound to the fill-rate label.</summary>
    public double FillRate
    {
        get
        {
            if (_history.Count < 2)
            {
                return 0;
            }

            var first = _history[0];
            var last = _history[^1];
            var minutes = (last.At - first.At).TotalMinutes;
            return minutes <= 0 ? 0 : (last.MetresAboveSill - first.MetresAboveSill) / minutes;
        }
    }

    private void OnPoll(object? sender, ElapsedEventArgs e)
    {
        var reading = _sensor.Read();
        _history.Add(reading);
        if (_history.Count > MaxHistory)
        {
            _history.RemoveAt(0);
        }

        if (_ui is null)
        {
            Raise(nameof(CurrentLevel));
            Raise(nameof(FillRate));
        }
        else
        {
            _ui.Post(_ =>
            {
                Raise(nameof(CurrentLevel));
                Raise(nameof(FillRate));
            }, null);
        }
    }

    private void Raise([CallerMemberName] string? name = null) =>
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));

    public void Dispose()
    {
        _poll.Elapsed -= OnPoll;
        _poll.Dispose();
    }
}
