namespace Blind63.ClockRestoration.Bench;

public sealed record BeatReading(string ClockId, double BeatErrorMs, double RateSecondsPerDay, DateTimeOffset At);

public interface ITimingMachine
{
    Task<BeatReading> MeasureAsync(string clockId, CancellationToken ct);
}

/// <summary>
/// Bench log for clocks being regulated after restoration. The timing
/// machine can only measure one clock at a time; the bench tablets request
/// measurements concurrently.
/// </summary>
public sealed class RegulationLog : IDisposable
{
    private readonly ITimingMachine _machine;
    private readonly SemaphoreSlim _machineLock = new(1, 1);
    private readonly Dictionary<string, List<BeatReading>> _readings = new(StringComparer.OrdinalIgnoreCase);

    public RegulationLog(ITimingMachine machine) => _machine = machine;

    public async Task<BeatReading> MeasureAsync(string clockId, CancellationToken ct)
    {
        await _machineLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var reading = await _machine.MeasureAsync(clockId, ct).ConfigureAwait(false);
            if (!_readings.TryGetValue(clockId, out var list))
            {
                list = new List<BeatReading>();
                _readings[clockId] = list;
            }
            list.Add(reading);
            return reading;
        }
        finally
        {
            _machineLock.Release();
        }
    }

    public async Task<double?> RateTrendAsync(string clockId, CancellationToken ct)
    {
        await _machineLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_readings.TryGetValue(clockId, out var list) || list.Count < 2)
            {
                return null;
            }
            var first = list[0];
            var last = list[^1];
            double days = (last.At - first.At).TotalDays;
            return days <= 0 ? null : (last.RateSecondsPerDay - first.RateSecondsPerDay) / days;
        }
        finally
        {
            _machineLock.Release();
        }
    }

    public void Dispose() => _machineLock.Dispose();
}
