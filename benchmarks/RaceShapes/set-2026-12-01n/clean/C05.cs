namespace WindFarm.Aggregation;

public readonly record struct PowerSample(string TurbineId, double PowerKw, DateTime TakenUtc);

/// <summary>
/// Farm-level output statistics for the grid operator's dispatch report. Each turbine's
/// reader reports samples from its own timer callback.
/// </summary>
public sealed class FarmStatistics
{
    private long _sampleCount;
    private long _energyWattHours;
    private double _peakKw;

    public void Record(PowerSample sample, TimeSpan interval)
    {
        Interlocked.Increment(ref _sampleCount);
        Interlocked.Add(ref _energyWattHours, (long)(sample.PowerKw * 1000 * interval.TotalHours));

        double seen;
        do
        {
            seen = Volatile.Read(ref _peakKw);
            if (sample.PowerKw <= seen)
            {
                break;
            }
        }
        while (Interlocked.CompareExchange(ref _peakKw, sample.PowerKw, seen) != seen);
    }

    public long SampleCount => Interlocked.Read(ref _sampleCount);

    public double EnergyMWh => Interlocked.Read(ref _energyWattHours) / 1_000_000.0;

    public double PeakKw => Volatile.Read(ref _peakKw);
}

/// <summary>
/// Reads one turbine's active power every few seconds.
/// </summary>
public sealed class TurbinePowerReader : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly string _turbineId;
    private readonly FarmStatistics _stats;
    private readonly Func<string, double> _readActivePower;
    private readonly Timer _timer;

    public TurbinePowerReader(string turbineId, FarmStatistics stats, Func<string, double> readActivePower)
    {
        _turbineId = turbineId;
        _stats = stats;
        _readActivePower = readActivePower;
        _timer = new Timer(OnTick, null, TimeSpan.Zero, Interval);
    }

    private void OnTick(object? state)
    {
        var kw = _readActivePower(_turbineId);
        _stats.Record(new PowerSample(_turbineId, kw, DateTime.UtcNow), Interval);
    }

    public void Dispose() => _timer.Dispose();
}

public static class DispatchReport
{
    public static string Format(FarmStatistics stats) =>
        $"samples={stats.SampleCount} energy={stats.EnergyMWh:F3} MWh peak={stats.PeakKw:F0} kW";
}
