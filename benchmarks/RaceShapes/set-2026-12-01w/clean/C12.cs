namespace Alpine.Lifts.Telemetry;

/// <summary>
/// Rider counters for one chairlift. The turnstile handlers call <see cref="RecordBoarding"/>
/// from many threads; the telemetry exporter calls <see cref="FlushInterval"/> every minute.
/// Registered as a singleton per lift.
/// </summary>
public sealed class ChairliftCounter
{
    private long _ridersSinceFlush;
    private long _ridersToday;
    private long _emptyChairs;

    public void RecordBoarding(int riders)
    {
        if (riders <= 0)
        {
            Interlocked.Increment(ref _emptyChairs);
            return;
        }

        Interlocked.Add(ref _ridersSinceFlush, riders);
        Interlocked.Add(ref _ridersToday, riders);
    }

    /// <summary>Returns the riders boarded since the previous call and starts a new interval.</summary>
    public long FlushInterval() => Interlocked.Exchange(ref _ridersSinceFlush, 0);

    public long RidersToday => Interlocked.Read(ref _ridersToday);

    public long EmptyChairs => Interlocked.Read(ref _emptyChairs);

    public void StartNewDay()
    {
        Interlocked.Exchange(ref _ridersToday, 0);
        Interlocked.Exchange(ref _emptyChairs, 0);
    }
}

/// <summary>Pushes the per-minute counts to the resort telemetry backend.</summary>
public sealed class ChairliftTelemetryExporter : IDisposable
{
    private readonly ChairliftCounter _counter;
    private readonly Action<long, long> _send;
    private readonly Timer _timer;

    public ChairliftTelemetryExporter(ChairliftCounter counter, Action<long, long> send)
    {
        _counter = counter;
        _send = send;
        _timer = new Timer(_ => Export(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    private void Export()
    {
        var interval = _counter.FlushInterval();
        _send(interval, _counter.RidersToday);
    }

    public void Dispose() => _timer.Dispose();
}
