namespace Blind44.BellFoundry.Furnace;

/// <summary>
/// Aggregates readings from the furnace's thermocouples during a pour. Each probe reports on its
/// own serial thread; the foundry floor display polls the figures.
/// </summary>
public sealed class PourTelemetry
{
    private long _samples;
    private long _sumTenthsC;
    private int _peakTenthsC = int.MinValue;
    private int _alarmsRaised;
    private int _pourOpen;

    public bool TryOpenPour() => Interlocked.CompareExchange(ref _pourOpen, 1, 0) == 0;

    public void ClosePour() => Interlocked.Exchange(ref _pourOpen, 0);

    public bool PourOpen => Volatile.Read(ref _pourOpen) == 1;

    public void Report(double tempC)
    {
        var tenths = (int)Math.Round(tempC * 10);
        Interlocked.Increment(ref _samples);
        Interlocked.Add(ref _sumTenthsC, tenths);

        int peak = Volatile.Read(ref _peakTenthsC);
        while (tenths > peak)
        {
            int seen = Interlocked.CompareExchange(ref _peakTenthsC, tenths, peak);
            if (seen == peak)
                break;
            peak = seen;
        }

        if (tempC > 1180)
            Interlocked.Increment(ref _alarmsRaised);
    }

    public double PeakC
    {
        get
        {
            var peak = Volatile.Read(ref _peakTenthsC);
            return peak == int.MinValue ? double.NaN : peak / 10.0;
        }
    }

    public long SampleCount => Interlocked.Read(ref _samples);

    public long SumTenthsC => Interlocked.Read(ref _sumTenthsC);

    public int Alarms => Volatile.Read(ref _alarmsRaised);
}

/// <summary>Reads the furnace probes for the duration of a pour.</summary>
public sealed class ProbeArray
{
    private readonly PourTelemetry _telemetry;

    public ProbeArray(PourTelemetry telemetry) => _telemetry = telemetry;

    public async Task SampleAsync(IReadOnlyList<Func<double>> probes, TimeSpan duration)
    {
        if (!_telemetry.TryOpenPour())
            throw new InvalidOperationException("A pour is already in progress.");

        using var cts = new CancellationTokenSource(duration);
        try
        {
            var loops = probes.Select(probe => Task.Run(async () =>
            {
                while (!cts.IsCancellationRequested)
                {
                    _telemetry.Report(probe());
                    await Task.Delay(100);
                }
            }));
            await Task.WhenAll(loops);
        }
        finally
        {
            _telemetry.ClosePour();
        }
    }
}
