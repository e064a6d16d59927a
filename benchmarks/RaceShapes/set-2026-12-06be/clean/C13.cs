namespace Blind57.TideGauges.Archive;

public readonly record struct GaugeReading(string Station, DateTimeOffset At, double LevelMetres, bool SurgeAlert);

/// <summary>
/// Picks which tide gauge readings are forwarded to the national archive: every surge alert plus
/// one in every N routine readings. One sampler is shared by all ingest workers.
/// </summary>
public sealed class ReadingSampler
{
    private readonly int _oneIn;
    private long _seen;
    private long _kept;
    private long _alerts;

    public ReadingSampler(int oneIn)
    {
        if (oneIn < 1) throw new ArgumentOutOfRangeException(nameof(oneIn));
        _oneIn = oneIn;
    }

    public bool ShouldKeep(in GaugeReading reading)
    {
        if (reading.SurgeAlert)
        {
            Interlocked.Increment(ref _alerts);
            Interlocked.Increment(ref _kept);
            return true;
        }

        long n = Interlocked.Increment(ref _seen);
        if (n % _oneIn != 0)
        {
            return false;
        }

        Interlocked.Increment(ref _kept);
        return true;
    }

    public (long Seen, long Kept, long Alerts) Counters =>
        (Interlocked.Read(ref _seen), Interlocked.Read(ref _kept), Interlocked.Read(ref _alerts));

    /// <summary>Resets the counters at the start of each reporting hour, returning the old values.</summary>
    public (long Seen, long Kept, long Alerts) ResetCounters() =>
        (Interlocked.Exchange(ref _seen, 0), Interlocked.Exchange(ref _kept, 0), Interlocked.Exchange(ref _alerts, 0));
}

/// <summary>Drains a batch of readings from the telemetry modems in parallel.</summary>
public sealed class GaugeIngestWorker
{
    private readonly ReadingSampler _sampler;
    private readonly Action<GaugeReading> _forward;

    public GaugeIngestWorker(ReadingSampler sampler, Action<GaugeReading> forward)
    {
        _sampler = sampler;
        _forward = forward;
    }

    public int Ingest(IReadOnlyList<GaugeReading> batch)
    {
        int forwarded = 0;
        Parallel.ForEach(batch, reading =>
        {
            if (_sampler.ShouldKeep(reading))
            {
                _forward(reading);
                Interlocked.Increment(ref forwarded);
            }
        });
        return forwarded;
    }
}
