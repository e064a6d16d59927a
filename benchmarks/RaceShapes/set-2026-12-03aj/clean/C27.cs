namespace Blind36.LighthouseGuild.Lamps;

public interface ILampSensor
{
    bool IsLit { get; }
    double LuxAtLens { get; }
}

public sealed record LampCheck(DateTime At, bool Lit, double Lux);

/// <summary>
/// Periodically checks a lamp and keeps a rolling log for the guild's keeper-of-the-
/// week report.
/// </summary>
public sealed class LampWatch : IDisposable
{
    private readonly System.Timers.Timer _timer;
    private readonly ILampSensor _sensor;
    private readonly object _logLock = new();
    private readonly Queue<LampCheck> _log = new();
    private int _faults;

    public LampWatch(ILampSensor sensor, TimeSpan every)
    {
        _sensor = sensor;
        _timer = new System.Timers.Timer(every.TotalMilliseconds) { AutoReset = true };
        _timer.Elapsed += OnElapsed;
    }

    public event EventHandler<LampCheck>? LampFault;

    public int Faults => Volatile.Read(ref _faults);

    public void Start() => _timer.Start();

    public IReadOnlyList<LampCheck> RecentChecks()
    {
        lock (_logLock)
            return _log.ToArray();
    }

    private void OnElapsed(object? sender, System.Timers.ElapsedEventArgs e)
    {
        var check = new LampCheck(e.SignalTime, _sensor.IsLit, _sensor.LuxAtLens);

        lock (_logLock)
        {
            _log.Enqueue(check);
            while (_log.Count > 288)
                _log.Dequeue();
        }

        if (!check.Lit || check.Lux < 500)
        {
            Interlocked.Increment(ref _faults);
            LampFault?.Invoke(this, check);
        }
    }

    public void Dispose()
    {
        _timer.Stop();
        _timer.Elapsed -= OnElapsed;
        _timer.Dispose();
    }
}
