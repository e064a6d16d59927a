namespace Blind46.SaltMarsh.TideGauge;

public readonly record struct GaugeReading(string Station, DateTime Utc, double LevelM);

/// <summary>
/// Aggregates readings from the marsh tide gauges. Each gauge's serial reader
/// reports on its own thread; the survey dashboard reads the aggregates.
/// </summary>
public sealed class TideExtremes
{
    private long _highWaterBits = BitConverter.DoubleToInt64Bits(double.NegativeInfinity);
    private long _lowWaterBits = BitConverter.DoubleToInt64Bits(double.PositiveInfinity);
    private long _readings;
    private long _floodAlerts;
    private readonly double _floodLevelM;

    public TideExtremes(double floodLevelM) => _floodLevelM = floodLevelM;

    public double HighWaterM => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _highWaterBits));
    public double LowWaterM => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _lowWaterBits));
    public long Readings => Interlocked.Read(ref _readings);
    public long FloodAlerts => Interlocked.Read(ref _floodAlerts);

    public void Record(GaugeReading reading)
    {
        Interlocked.Increment(ref _readings);
        RaiseTo(ref _highWaterBits, reading.LevelM);
        LowerTo(ref _lowWaterBits, reading.LevelM);

        if (reading.LevelM >= _floodLevelM)
            Interlocked.Increment(ref _floodAlerts);
    }

    private static void RaiseTo(ref long location, double candidate)
    {
        long seen = Interlocked.Read(ref location);
        while (candidate > BitConverter.Int64BitsToDouble(seen))
        {
            long witnessed = Interlocked.CompareExchange(ref location, BitConverter.DoubleToInt64Bits(candidate), seen);
            if (witnessed == seen)
                return;
            seen = witnessed;
        }
    }

    private static void LowerTo(ref long location, double candidate)
    {
        long seen = Interlocked.Read(ref location);
        while (candidate < BitConverter.Int64BitsToDouble(seen))
        {
            long witnessed = Interlocked.CompareExchange(ref location, BitConverter.DoubleToInt64Bits(candidate), seen);
            if (witnessed == seen)
                return;
            seen = witnessed;
        }
    }
}

public sealed class GaugeNetwork
{
    private readonly TideExtremes _extremes;

    public GaugeNetwork(TideExtremes extremes) => _extremes = extremes;

    public Task ListenAsync(IEnumerable<IAsyncEnumerable<GaugeReading>> gauges, CancellationToken ct) =>
        Task.WhenAll(gauges.Select(g => Task.Run(async () =>
        {
            await foreach (var reading in g.WithCancellation(ct).ConfigureAwait(false))
                _extremes.Record(reading);
        }, ct)));
}
