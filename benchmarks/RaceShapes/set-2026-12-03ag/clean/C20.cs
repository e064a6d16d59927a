namespace GreenhouseMisting.Valves;

public interface IMistingValve
{
    string Zone { get; }
    Task PulseAsync(TimeSpan duration, CancellationToken ct);
}

/// <summary>
/// Fires misting valves without exceeding the pump's capacity: at most a fixed
/// number of valves may be open at once. Called from the humidity controller and
/// from growers' manual "mist now" buttons.
/// </summary>
public sealed class MistingThrottle
{
    private readonly SemaphoreSlim _pumpSlots;
    private readonly TimeSpan _maxWait;
    private int _open;
    private int _peakOpen;
    private long _skipped;

    public MistingThrottle(int maxOpenValves, TimeSpan maxWait)
    {
        _pumpSlots = new SemaphoreSlim(maxOpenValves, maxOpenValves);
        _maxWait = maxWait;
    }

    public int PeakOpen => Volatile.Read(ref _peakOpen);
    public long Skipped => Interlocked.Read(ref _skipped);

    public async Task<bool> MistAsync(IMistingValve valve, TimeSpan duration, CancellationToken ct)
    {
        if (!await _pumpSlots.WaitAsync(_maxWait, ct).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _skipped);
            return false;
        }

        try
        {
            int open = Interlocked.Increment(ref _open);
            int peak;
            while (open > (peak = Volatile.Read(ref _peakOpen)) &&
                   Interlocked.CompareExchange(ref _peakOpen, open, peak) != peak)
            {
            }

            var pulse = valve.PulseAsync(duration, ct);
            var watchdog = Task.Delay(duration + TimeSpan.FromSeconds(5), ct);
            if (await Task.WhenAny(pulse, watchdog).ConfigureAwait(false) != pulse)
            {
                throw new TimeoutException($"Valve in zone {valve.Zone} did not report closing");
            }

            await pulse.ConfigureAwait(false);
            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _open);
            _pumpSlots.Release();
        }
    }

    public async Task<int> MistZonesAsync(IEnumerable<IMistingValve> valves, TimeSpan duration, CancellationToken ct)
    {
        var results = await Task.WhenAll(valves.Select(v => MistAsync(v, duration, ct))).ConfigureAwait(false);
        return results.Count(r => r);
    }
}
