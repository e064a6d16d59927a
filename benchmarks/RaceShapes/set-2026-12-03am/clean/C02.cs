using System;
using System.Threading;

namespace Blind39.SaltMarsh.TideGauges;

public readonly record struct TideSnapshot(long Samples, long HighestMm, long LowestMm);

/// <summary>
/// Running statistics for the marsh tide gauges. Each gauge's poller thread calls
/// <see cref="Record"/>; the web page reads <see cref="Snapshot"/> whenever it refreshes.
/// </summary>
public sealed class TideGaugeStatistics
{
    private long _samples;
    private long _highestMm = long.MinValue;
    private long _lowestMm = long.MaxValue;

    public void Record(long levelMm)
    {
        Interlocked.Increment(ref _samples);
        RaiseTo(ref _highestMm, levelMm);
        LowerTo(ref _lowestMm, levelMm);
    }

    public TideSnapshot Snapshot() => new(
        Interlocked.Read(ref _samples),
        Interlocked.Read(ref _highestMm),
        Interlocked.Read(ref _lowestMm));

    private static void RaiseTo(ref long target, long value)
    {
        long current = Interlocked.Read(ref target);
        while (value > current)
        {
            long seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }

    private static void LowerTo(ref long target, long value)
    {
        long current = Interlocked.Read(ref target);
        while (value < current)
        {
            long seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }
}

/// <summary>Polls one gauge on a timer and feeds the shared statistics.</summary>
public sealed class GaugePoller : IDisposable
{
    private readonly Func<long> _readLevelMm;
    private readonly TideGaugeStatistics _statistics;
    private readonly Timer _timer;

    public GaugePoller(Func<long> readLevelMm, TideGaugeStatistics statistics, TimeSpan interval)
    {
        _readLevelMm = readLevelMm;
        _statistics = statistics;
        _timer = new Timer(_ => Poll(), null, TimeSpan.Zero, interval);
    }

    private void Poll()
    {
        try
        {
            _statistics.Record(_readLevelMm());
        }
        catch (TimeoutException)
        {
            // gauge out of radio range at low tide; skip this sample
        }
    }

    public void Dispose() => _timer.Dispose();
}
