namespace Blind66.TidalMill.Sluice;

public interface IMillTelemetry
{
    void Gauge(string name, long value, DateTimeOffset at);
}

/// <summary>
/// Counts sluice-gate openings and water-wheel turns reported by the mill's sensor board and
/// publishes per-minute figures. The Record methods are called from the sensor board's
/// callback threads; the flush runs on a timer.
/// </summary>
public sealed class SluiceActivityCounter : IDisposable
{
    private readonly IMillTelemetry _telemetry;
    private readonly TimeProvider _clock;
    private readonly ITimer _timer;
    private long _gateOpenings;
    private long _wheelTurns;
    private long _totalTurns;

    public SluiceActivityCounter(IMillTelemetry telemetry, TimeProvider clock)
    {
        _telemetry = telemetry;
        _clock = clock;
        _timer = clock.CreateTimer(_ => Flush(), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public long TotalTurns => Interlocked.Read(ref _totalTurns);

    public void RecordGateOpening() => Interlocked.Increment(ref _gateOpenings);

    public void RecordWheelTurns(int turns)
    {
        if (turns <= 0)
        {
            return;
        }

        Interlocked.Add(ref _wheelTurns, turns);
        Interlocked.Add(ref _totalTurns, turns);
    }

    private void Flush()
    {
        var now = _clock.GetUtcNow();
        var openings = Interlocked.Exchange(ref _gateOpenings, 0);
        var turns = Interlocked.Exchange(ref _wheelTurns, 0);
        _telemetry.Gauge("mill.sluice.openings_per_min", openings, now);
        _telemetry.Gauge("mill.wheel.turns_per_min", turns, now);
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }
}
