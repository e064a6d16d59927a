namespace Blind42.TelescopeMaking.Sampling;

public readonly record struct SamplingWindow(long Seen, long Sampled, long Dropped);

/// <summary>
/// Rate-limited sampler for traces of the lens-figuring workflow. Registered as a singleton;
/// <see cref="ShouldSample"/> runs on request threads while the exporter drains the counters.
/// </summary>
public sealed class FiguringTraceSampler
{
    private readonly int _maxPerSecond;
    private long _seen;
    private long _sampled;
    private long _dropped;
    private long _currentSecond;
    private int _sampledThisSecond;

    public FiguringTraceSampler(int maxPerSecond) => _maxPerSecond = maxPerSecond;

    public bool ShouldSample(long nowTicks)
    {
        Interlocked.Increment(ref _seen);

        var second = nowTicks / TimeSpan.TicksPerSecond;
        var current = Interlocked.Read(ref _currentSecond);
        if (second > current && Interlocked.CompareExchange(ref _currentSecond, second, current) == current)
        {
            Interlocked.Exchange(ref _sampledThisSecond, 0);
        }

        while (true)
        {
            var taken = Volatile.Read(ref _sampledThisSecond);
            if (taken >= _maxPerSecond)
            {
                Interlocked.Increment(ref _dropped);
                return false;
            }

            if (Interlocked.CompareExchange(ref _sampledThisSecond, taken + 1, taken) == taken)
            {
                Interlocked.Increment(ref _sampled);
                return true;
            }
        }
    }

    /// <summary>Returns the counts since the previous drain and starts a new window.</summary>
    public SamplingWindow Drain() => new(
        Interlocked.Exchange(ref _seen, 0),
        Interlocked.Exchange(ref _sampled, 0),
        Interlocked.Exchange(ref _dropped, 0));

    /// <summary>Current totals without resetting them, for the diagnostics page.</summary>
    public SamplingWindow Peek() => new(
        Interlocked.Read(ref _seen),
        Interlocked.Read(ref _sampled),
        Interlocked.Read(ref _dropped));
}

/// <summary>Drains the sampler every few seconds and hands the window to the exporter.</summary>
public sealed class SamplingWindowExporter : IDisposable
{
    private readonly FiguringTraceSampler _sampler;
    private readonly Action<SamplingWindow> _export;
    private readonly Timer _timer;
    private int _exporting;

    public SamplingWindowExporter(FiguringTraceSampler sampler, Action<SamplingWindow> export, TimeSpan period)
    {
        _sampler = sampler;
        _export = export;
        _timer = new Timer(_ => OnTick(), null, period, period);
    }

    private void OnTick()
    {
        if (Interlocked.Exchange(ref _exporting, 1) == 1)
        {
            return;
        }

        try
        {
            _export(_sampler.Drain());
        }
        finally
        {
            Volatile.Write(ref _exporting, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
