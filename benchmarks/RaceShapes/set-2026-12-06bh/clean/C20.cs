namespace Blind60.TideGauge.Extremes;

/// <summary>
/// Tracks the highest and lowest water recorded at a tide-gauge station since the last reset.
/// The pressure sensor and radar sensor threads both report into the same instance, and
/// the harbour web page reads it.
/// </summary>
public sealed class WaterLevelExtremes
{
    // Stored in millimetres so they fit Interlocked operations.
    private long _highMm = long.MinValue;
    private long _lowMm = long.MaxValue;
    private long _samples;

    public void Report(double metres)
    {
        var mm = (long)Math.Round(metres * 1000);
        Interlocked.Increment(ref _samples);

        long high = Volatile.Read(ref _highMm);
        while (mm > high)
        {
            long seen = Interlocked.CompareExchange(ref _highMm, mm, high);
            if (seen == high) break;
            high = seen;
        }

        long low = Volatile.Read(ref _lowMm);
        while (mm < low)
        {
            long seen = Interlocked.CompareExchange(ref _lowMm, mm, low);
            if (seen == low) break;
            low = seen;
        }
    }

    public (double? High, double? Low, long Samples) Read()
    {
        var high = Volatile.Read(ref _highMm);
        var low = Volatile.Read(ref _lowMm);
        var n = Volatile.Read(ref _samples);
        return (high == long.MinValue ? null : high / 1000.0,
                low == long.MaxValue ? null : low / 1000.0,
                n);
    }
}

public static class GaugeSensors
{
    public static Task RunAsync(WaterLevelExtremes extremes, Func<double> pressure, Func<double> radar, CancellationToken ct)
    {
        Task Loop(Func<double> sensor, int periodMs) => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                extremes.Report(sensor());
                try { await Task.Delay(periodMs, ct); } catch (OperationCanceledException) { return; }
            }
        });

        return Task.WhenAll(Loop(pressure, 1000), Loop(radar, 250));
    }
}
