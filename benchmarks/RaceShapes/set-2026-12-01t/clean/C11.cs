namespace SolarFarm.Metering;

/// <summary>
/// Export meter for the grid connection point. Each combiner box reports its
/// energy deltas from its own polling task; the billing job reads and resets
/// the interval total every 15 minutes.
/// </summary>
public sealed class ExportMeter
{
    private long _intervalWattHours;
    private long _lifetimeWattHours;
    private long _peakWatts;

    public void AddEnergy(long wattHours, long instantaneousWatts)
    {
        if (wattHours < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(wattHours));
        }

        Interlocked.Add(ref _intervalWattHours, wattHours);
        Interlocked.Add(ref _lifetimeWattHours, wattHours);

        long peak = Interlocked.Read(ref _peakWatts);
        while (instantaneousWatts > peak)
        {
            long seen = Interlocked.CompareExchange(ref _peakWatts, instantaneousWatts, peak);
            if (seen == peak)
            {
                break;
            }
            peak = seen;
        }
    }

    public long LifetimeWattHours => Interlocked.Read(ref _lifetimeWattHours);

    public long PeakWatts => Interlocked.Read(ref _peakWatts);

    /// <summary>Returns the energy exported since the last call and starts a new interval.</summary>
    public long CloseInterval() => Interlocked.Exchange(ref _intervalWattHours, 0);
}

/// <summary>
/// Settlement job that produces 15-minute export records for the grid operator.
/// </summary>
public sealed class SettlementJob : IDisposable
{
    private readonly ExportMeter _meter;
    private readonly Action<DateTime, long> _submit;
    private readonly Timer _timer;

    public SettlementJob(ExportMeter meter, Action<DateTime, long> submit)
    {
        _meter = meter;
        _submit = submit;
        var now = DateTime.UtcNow;
        var next = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute / 15 * 15, 0, DateTimeKind.Utc).AddMinutes(15);
        _timer = new Timer(_ => Settle(), null, next - now, TimeSpan.FromMinutes(15));
    }

    private void Settle()
    {
        var wh = _meter.CloseInterval();
        _submit(DateTime.UtcNow, wh);
    }

    public void Dispose() => _timer.Dispose();
}

/// <summary>
/// Simulated combiner-box poller used in the commissioning test rig.
/// </summary>
public static class CombinerSimulator
{
    public static Task RunAsync(ExportMeter meter, int boxes, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, boxes).Select(box => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                var watts = 8_000 + Random.Shared.Next(-500, 500);
                meter.AddEnergy(watts / 3600, watts);
                await Task.Delay(1000, ct).ConfigureAwait(false);
            }
        }, ct)));
}
