namespace Blind56.Allotments.SoilSensors;

public readonly record struct MoistureSample(string PlotId, int RawAdc, DateTimeOffset TakenAt);

/// <summary>Maps raw ADC values from one batch of soil probes to volumetric water content.</summary>
public sealed class CalibrationTable
{
    private readonly int[] _adcPoints;
    private readonly double[] _moisturePoints;

    public CalibrationTable(string version, IEnumerable<(int Adc, double Moisture)> points)
    {
        var ordered = points.OrderBy(p => p.Adc).ToArray();
        if (ordered.Length < 2)
        {
            throw new ArgumentException("Need at least two calibration points.", nameof(points));
        }

        Version = version;
        _adcPoints = ordered.Select(p => p.Adc).ToArray();
        _moisturePoints = ordered.Select(p => p.Moisture).ToArray();
    }

    public string Version { get; }

    public double ToMoisturePercent(int adc)
    {
        if (adc <= _adcPoints[0])
        {
            return _moisturePoints[0];
        }

        for (int i = 1; i < _adcPoints.Length; i++)
        {
            if (adc <= _adcPoints[i])
            {
                double t = (double)(adc - _adcPoints[i - 1]) / (_adcPoints[i] - _adcPoints[i - 1]);
                return _moisturePoints[i - 1] + t * (_moisturePoints[i] - _moisturePoints[i - 1]);
            }
        }

        return _moisturePoints[^1];
    }
}

/// <summary>
/// Converts soil probe readings for the allotment water rota. Every probe gateway
/// thread calls Convert; the committee's calibration upload swaps in a new table.
/// </summary>
public sealed class SoilMoistureConverter
{
    private CalibrationTable _table;
    private long _conversions;

    public SoilMoistureConverter(CalibrationTable initial)
    {
        _table = initial;
    }

    public string ActiveVersion => Volatile.Read(ref _table).Version;

    public long Conversions => Interlocked.Read(ref _conversions);

    public (double Percent, string CalibrationVersion) Convert(MoistureSample sample)
    {
        CalibrationTable table = Volatile.Read(ref _table);
        Interlocked.Increment(ref _conversions);
        return (table.ToMoisturePercent(sample.RawAdc), table.Version);
    }

    /// <summary>Installs a new table and returns the one it replaced.</summary>
    public CalibrationTable Swap(CalibrationTable next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Interlocked.Exchange(ref _table, next);
    }
}

public sealed class ProbeGateway
{
    private readonly SoilMoistureConverter _converter;

    public ProbeGateway(SoilMoistureConverter converter) => _converter = converter;

    public Task PumpAsync(IAsyncEnumerable<MoistureSample> samples, Action<string, double> record, CancellationToken ct) =>
        Task.Run(async () =>
        {
            await foreach (var sample in samples.WithCancellation(ct))
            {
                var (percent, _) = _converter.Convert(sample);
                record(sample.PlotId, percent);
            }
        }, ct);
}
