namespace Blind37.CiderPress.Vats;

/// <summary>One reading from a fermentation vat; instances are never modified once created.</summary>
public sealed record VatReading(string VatId, double SpecificGravity, double TemperatureC, DateTime TakenUtc);

/// <summary>
/// Latest hydrometer and temperature readings for a fermentation vat. The probe driver
/// updates it from its own thread; the cellar dashboard and the racking planner read it
/// from request threads. Each vat has one instance, held in an app-wide registry.
/// </summary>
public sealed class VatGauge
{
    private VatReading? _latest;
    private double _lowestGravity = double.MaxValue;
    private long _sampleCount;

    public VatGauge(string vatId) => VatId = vatId;

    public string VatId { get; }

    public VatReading? Latest => Volatile.Read(ref _latest);

    public double LowestGravity => Volatile.Read(ref _lowestGravity);

    public long SampleCount => Interlocked.Read(ref _sampleCount);

    public void Record(double specificGravity, double temperatureC)
    {
        Volatile.Write(ref _latest, new VatReading(VatId, specificGravity, temperatureC, DateTime.UtcNow));
        Interlocked.Increment(ref _sampleCount);

        var lowest = Volatile.Read(ref _lowestGravity);
        while (specificGravity < lowest)
        {
            var seen = Interlocked.CompareExchange(ref _lowestGravity, specificGravity, lowest);
            if (seen == lowest)
            {
                break;
            }
            lowest = seen;
        }
    }

    /// <summary>Fermentation is considered finished when gravity has settled near 1.000.</summary>
    public bool LooksFinished()
    {
        var reading = Latest;
        return reading is not null && reading.SpecificGravity <= 1.002 && LowestGravity >= reading.SpecificGravity - 0.001;
    }
}

/// <summary>Plans which vats are ready to rack off the lees.</summary>
public sealed class RackingPlanner
{
    private readonly IReadOnlyList<VatGauge> _gauges;

    public RackingPlanner(IReadOnlyList<VatGauge> gauges) => _gauges = gauges;

    public IReadOnlyList<string> VatsReadyToRack() =>
        _gauges.AsParallel()
            .Where(g => g.LooksFinished())
            .Select(g => g.VatId)
            .OrderBy(id => id)
            .ToArray();

    public string DashboardLine(VatGauge gauge)
    {
        var reading = gauge.Latest;
        return reading is null
            ? $"{gauge.VatId}: no readings yet"
            : $"{gauge.VatId}: SG {reading.SpecificGravity:F3} at {reading.TemperatureC:F1} C ({gauge.SampleCount} samples)";
    }
}

/// <summary>Reads the probes on a timer and feeds the gauges.</summary>
public sealed class VatProbePoller : IDisposable
{
    private readonly Timer _timer;

    public VatProbePoller(IReadOnlyList<VatGauge> gauges, Func<string, (double Gravity, double Temperature)> readProbe, TimeSpan interval)
    {
        _timer = new Timer(_ =>
        {
            foreach (var gauge in gauges)
            {
                var (gravity, temperature) = readProbe(gauge.VatId);
                gauge.Record(gravity, temperature);
            }
        }, null, TimeSpan.Zero, interval);
    }

    public void Dispose() => _timer.Dispose();
}
