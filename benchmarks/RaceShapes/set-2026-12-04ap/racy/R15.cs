namespace Blind42.TelescopeMaking.Tracing;

public readonly record struct SamplerStats(long Seen, long Sampled);

/// <summary>
/// Head-based sampler for traces of the mirror-grinding workflow. Registered as a singleton;
/// <see cref="ShouldSample"/> is called for every new root span on any request thread, and the
/// exporter calls <see cref="Flush"/> every ten seconds to report sampling statistics.
/// </summary>
public sealed class GrindingTraceSampler
{
    private readonly int _ratio;
    private long _seen;
    private long _sampled;

    public GrindingTraceSampler(int ratio)
    {
        if (ratio < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ratio));
        }
        _ratio = ratio;
    }

    public bool ShouldSample(string operationName)
    {
        var n = Interlocked.Increment(ref _seen);
        if (operationName.StartsWith("figuring.", StringComparison.Ordinal) || n % _ratio == 0)
        {
            Interlocked.Increment(ref _sampled);
            return true;
        }
        return false;
    }

    public SamplerStats Flush()
    {
        var seen = Interlocked.Exchange(ref _seen, 0);
        var sampled = _sampled;
        _sampled = 0;
        return new SamplerStats(seen, sampled);
    }
}

/// <summary>Pushes sampler statistics to the metrics endpoint on a timer.</summary>
public sealed class SamplerStatsExporter : IAsyncDisposable
{
    private readonly GrindingTraceSampler _sampler;
    private readonly Func<SamplerStats, Task> _export;
    private readonly PeriodicTimer _timer = new(TimeSpan.FromSeconds(10));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SamplerStatsExporter(GrindingTraceSampler sampler, Func<SamplerStats, Task> export)
    {
        _sampler = sampler;
        _export = export;
        _loop = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await _export(_sampler.Flush()).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _timer.Dispose();
        _stop.Dispose();
    }
}
