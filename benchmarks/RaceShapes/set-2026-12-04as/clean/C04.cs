namespace Blind45.WindFarm.Output;

/// <summary>
/// Running statistics for a wind farm's export meter. Each turbine's SCADA adapter calls
/// <see cref="Record"/> from its own thread; the grid-operator endpoint reads the
/// figures at any time.
/// </summary>
public sealed class FarmOutputStatistics
{
    private long _samples;
    private long _totalKilowatts;
    private long _peakKilowatts = long.MinValue;
    private long _curtailedSamples;

    public void Record(string turbineId, long kilowatts, bool curtailed)
    {
        ArgumentException.ThrowIfNullOrEmpty(turbineId);

        Interlocked.Increment(ref _samples);
        Interlocked.Add(ref _totalKilowatts, kilowatts);
        if (curtailed)
        {
            Interlocked.Increment(ref _curtailedSamples);
        }

        UpdatePeak(kilowatts);
    }

    private void UpdatePeak(long kilowatts)
    {
        var observed = Interlocked.Read(ref _peakKilowatts);
        while (kilowatts > observed)
        {
            var previous = Interlocked.CompareExchange(ref _peakKilowatts, kilowatts, observed);
            if (previous == observed)
            {
                return;
            }

            observed = previous;
        }
    }

    public long PeakKilowatts
    {
        get
        {
            var peak = Interlocked.Read(ref _peakKilowatts);
            return peak == long.MinValue ? 0 : peak;
        }
    }

    public double AverageKilowatts
    {
        get
        {
            var samples = Interlocked.Read(ref _samples);
            return samples == 0 ? 0 : (double)Interlocked.Read(ref _totalKilowatts) / samples;
        }
    }

    public long CurtailedSamples => Interlocked.Read(ref _curtailedSamples);

    public void ResetPeak() => Interlocked.Exchange(ref _peakKilowatts, long.MinValue);
}

/// <summary>Feeds the statistics from the turbines' polling loops.</summary>
public static class TurbinePolling
{
    public static Task RunAsync(FarmOutputStatistics stats, IReadOnlyList<string> turbines, Func<string, (long Kw, bool Curtailed)> read, CancellationToken ct)
    {
        var loops = turbines.Select(id => Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var (kw, curtailed) = read(id);
                stats.Record(id, kw, curtailed);
            }
        }, ct));
        return Task.WhenAll(loops);
    }
}
