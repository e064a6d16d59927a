namespace Blind35.Sauna.Loyly;

public sealed record StoveState(double TemperatureC, int LadlesThrown, DateTime LastLadleAt);

/// <summary>
/// Controls the club's wood-fired stove readings and the löyly ladle log. Used by the members'
/// app (many requests) and by a periodic cooling timer.
/// </summary>
public sealed class StoveController : IDisposable
{
    private readonly object _gate = new();
    private readonly System.Timers.Timer _coolingTimer;
    private readonly List<DateTime> _ladleLog = new();
    private double _temperatureC;
    private int _ladlesThrown;

    public StoveController(double startTemperatureC)
    {
        _temperatureC = startTemperatureC;
        _coolingTimer = new System.Timers.Timer(TimeSpan.FromSeconds(30).TotalMilliseconds) { AutoReset = true };
        _coolingTimer.Elapsed += OnCoolingTick;
        _coolingTimer.Start();
    }

    public bool ThrowLadle(DateTime now)
    {
        lock (_gate)
        {
            if (_temperatureC < 60)
            {
                return false;
            }

            _ladlesThrown++;
            _ladleLog.Add(now);
            _temperatureC -= 1.5;
            return true;
        }
    }

    public void AddLog(double energyKj)
    {
        lock (_gate)
        {
            _temperatureC = Math.Min(110, _temperatureC + energyKj / 400.0);
        }
    }

    public StoveState Read()
    {
        lock (_gate)
        {
            var last = _ladleLog.Count == 0 ? DateTime.MinValue : _ladleLog[^1];
            return new StoveState(_temperatureC, _ladlesThrown, last);
        }
    }

    private void OnCoolingTick(object? sender, System.Timers.ElapsedEventArgs e)
    {
        lock (_gate)
        {
            _temperatureC = Math.Max(20, _temperatureC - 0.4);
            _ladleLog.RemoveAll(t => t < e.SignalTime.ToUniversalTime().AddHours(-3));
        }
    }

    public void Dispose()
    {
        _coolingTimer.Elapsed -= OnCoolingTick;
        _coolingTimer.Dispose();
    }
}
