namespace Blind66.TidalMill.Metrics;

public interface IMillMetricsSink
{
    void Report(string name, long value, DateTimeOffset periodEnd);
}

/// <summary>
/// Counts millstone revolutions signalled by the shaft encoder and reports the count
/// for each minute. <see cref="OnRevolution"/> is invoked by the encoder driver's
/// interrupt thread.
/// </summary>
public sealed class RevolutionCounter : IDisposable
{
    private readonly IMillMetricsSink _sink;
    private readonly TimeProvider _clock;
    private readonly ITimer _flushTimer;
    private long _revolutions;
    private long _lifetimeRevolutions;

    public RevolutionCounter(IMillMetricsSink sink, TimeProvider clock)
    {
        _sink = sink;
        _clock = clock;
        _flushTimer = clock.CreateTimer(Flush, null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public long LifetimeRevolutions => Interlocked.Read(ref _lifetimeRevolutions);

    public void OnRevolution()
    {
        Interlocked.Increment(ref _revolutions);
        Interlocked.Increment(ref _lifetimeRevolutions);
    }

    /// <summary>Subscribed to the encoder driver's event.</summary>
    public void Attach(ShaftEncoder encoder) => encoder.Pulse += (_, _) => OnRevolution();

    private void Flush(object? state)
    {
        var count = _revolutions;
        _revolutions = 0;
        _sink.Report("mill.stone.revolutions_per_min", count, _clock.GetUtcNow());
    }

    public void Dispose() => _flushTimer.Dispose();
}

/// <summary>Wraps the GPIO line of the shaft encoder.</summary>
public sealed class ShaftEncoder : IDisposable
{
    private readonly Thread _reader;
    private readonly Func<bool> _readLine;
    private volatile bool _stopping;

    public ShaftEncoder(Func<bool> readLine)
    {
        _readLine = readLine;
        _reader = new Thread(Run) { IsBackground = true, Name = "shaft-encoder" };
    }

    public event EventHandler? Pulse;

    public void Start() => _reader.Start();

    private void Run()
    {
        var last = false;
        while (!_stopping)
        {
            var level = _readLine();
            if (level && !last)
            {
                Pulse?.Invoke(this, EventArgs.Empty);
            }

            last = level;
            Thread.Sleep(1);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _reader.Join(TimeSpan.FromSeconds(1));
    }
}
