namespace Blind38.Lavender.Sensors;

public sealed record CondenserReading(int Still, double OutletTempC, double FlowLitresPerMin);

/// <summary>
/// Wraps the condenser sensor gateway, which falls over if more than a handful of requests
/// are in flight. Registered as a singleton; every still's control loop polls through it.
/// </summary>
public sealed class CondenserGatewayThrottle : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly Func<int, CancellationToken, Task<CondenserReading>> _query;
    private int _inFlight;
    private int _peakInFlight;
    private long _completed;
    private long _rejected;

    public CondenserGatewayThrottle(int maxConcurrent, Func<int, CancellationToken, Task<CondenserReading>> query)
    {
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _query = query;
    }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public long Completed => Interlocked.Read(ref _completed);

    public long Rejected => Interlocked.Read(ref _rejected);

    public async Task<CondenserReading?> TryReadAsync(int still, TimeSpan queueTimeout, CancellationToken ct)
    {
        if (!await _slots.WaitAsync(queueTimeout, ct).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _rejected);
            return null;
        }

        try
        {
            var now = Interlocked.Increment(ref _inFlight);
            RecordPeak(now);
            var reading = await _query(still, ct).ConfigureAwait(false);
            Interlocked.Increment(ref _completed);
            return reading;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _slots.Release();
        }
    }

    public async Task<IReadOnlyList<CondenserReading>> ReadAllAsync(IEnumerable<int> stills, CancellationToken ct)
    {
        var tasks = stills.Select(s => TryReadAsync(s, TimeSpan.FromSeconds(5), ct));
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return results.OfType<CondenserReading>().ToList();
    }

    private void RecordPeak(int candidate)
    {
        var peak = Volatile.Read(ref _peakInFlight);
        while (candidate > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakInFlight, candidate, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }

    public void Dispose() => _slots.Dispose();
}
