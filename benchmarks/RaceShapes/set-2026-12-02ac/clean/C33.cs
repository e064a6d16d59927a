namespace Blind29.RadioTelescope.Scheduling;

public sealed class BulkheadRejectedException : Exception
{
    public BulkheadRejectedException(string message) : base(message) { }
}

/// <summary>
/// Bulkhead limiting how many pointing and calibration requests reach the array's
/// antenna control unit at once. Shared by the observation scheduler, the operator
/// console and the public outreach dish; all call <see cref="RunAsync"/> concurrently.
/// </summary>
public sealed class AntennaBulkhead
{
    private readonly SemaphoreSlim _slots;
    private readonly int _maxQueued;
    private int _queued;
    private long _completed;
    private long _rejected;

    public AntennaBulkhead(int maxConcurrent, int maxQueued)
    {
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        _maxQueued = maxQueued;
    }

    public int Queued => Volatile.Read(ref _queued);
    public long Completed => Interlocked.Read(ref _completed);
    public long Rejected => Interlocked.Read(ref _rejected);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _queued) > _maxQueued)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _rejected);
            throw new BulkheadRejectedException("Antenna control unit is busy.");
        }

        var entered = false;
        try
        {
            await _slots.WaitAsync(ct).ConfigureAwait(false);
            entered = true;
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }

        try
        {
            return await operation(ct).ConfigureAwait(false);
        }
        finally
        {
            if (entered)
            {
                _slots.Release();
            }

            Interlocked.Increment(ref _completed);
        }
    }
}

public sealed class PointingClient
{
    private readonly AntennaBulkhead _bulkhead;

    public PointingClient(AntennaBulkhead bulkhead) => _bulkhead = bulkhead;

    public Task<bool> SlewAsync(int dish, double azimuth, double elevation, Func<int, double, double, CancellationToken, Task<bool>> acu,
        CancellationToken ct) =>
        _bulkhead.RunAsync(token => acu(dish, azimuth, elevation, token), ct);

    public async Task<int> SlewArrayAsync(IEnumerable<int> dishes, double az, double el,
        Func<int, double, double, CancellationToken, Task<bool>> acu, CancellationToken ct)
    {
        var results = await Task.WhenAll(dishes.Select(d => SlewAsync(d, az, el, acu, ct)));
        return results.Count(ok => ok);
    }
}
