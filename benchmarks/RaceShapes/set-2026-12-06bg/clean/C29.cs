using System.Timers;
using Timer = System.Timers.Timer;

namespace Blind59.TeaRooms.Fridges;

public sealed record FridgeStatus(string FridgeName, double LatestCelsius, double MaxLastHourCelsius, bool Alarm, DateTime ReadAtUtc);

/// <summary>
/// Watches the cake display fridge for the tea room's food-safety log. Samples the
/// probe once a minute; the kitchen tablet shows <see cref="Status"/>.
/// </summary>
public sealed class DisplayFridgeMonitor : IDisposable
{
    private const double AlarmCelsius = 8.0;

    private readonly string _name;
    private readonly Func<double> _readProbe;
    private readonly Action<FridgeStatus> _log;
    private readonly Timer _timer;
    private readonly object _timerLock = new();
    private readonly Queue<(DateTime At, double Celsius)> _lastHour = new();
    private bool _stopped;
    private FridgeStatus? _status;

    public DisplayFridgeMonitor(string name, Func<double> readProbe, Action<FridgeStatus> log)
    {
        _name = name;
        _readProbe = readProbe;
        _log = log;
        _timer = new Timer(TimeSpan.FromMinutes(1).TotalMilliseconds) { AutoReset = false };
        _timer.Elapsed += OnElapsed;
        _timer.Start();
    }

    public FridgeStatus? Status => Volatile.Read(ref _status);

    private void OnElapsed(object? sender, ElapsedEventArgs e)
    {
        try
        {
            var now = DateTime.UtcNow;
            double celsius = _readProbe();

            _lastHour.Enqueue((now, celsius));
            while (_lastHour.Count > 0 && now - _lastHour.Peek().At > TimeSpan.FromHours(1))
            {
                _lastHour.Dequeue();
            }

            double max = _lastHour.Max(s => s.Celsius);
            var status = new FridgeStatus(_name, celsius, max, celsius > AlarmCelsius, now);
            Volatile.Write(ref _status, status);
            _log(status);
        }
        finally
        {
            lock (_timerLock)
            {
                if (!_stopped)
                {
                    _timer.Start();
                }
            }
        }
    }

    public void Stop()
    {
        lock (_timerLock)
        {
            _stopped = true;
            _timer.Stop();
        }
    }

    public void Dispose()
    {
        Stop();
        _timer.Dispose();
    }
}
