namespace Blind58.LawnBowlsFixtures;

public sealed record RinkAvailability(DateOnly Day, IReadOnlyList<int> FreeRinks);

/// <summary>
/// Memoises the bowls club's rink availability, which comes from a slow booking system.
/// Readers always get an immediate answer once a value exists; when it is older than the
/// time-to-live one caller refreshes it while others keep using the previous value.
/// </summary>
public sealed class RinkAvailabilityCache
{
    private sealed class Entry
    {
        public Entry(RinkAvailability value, long expiresAtMs)
        {
            Value = value;
            ExpiresAtMs = expiresAtMs;
        }

        public RinkAvailability Value { get; }
        public long ExpiresAtMs { get; }
    }

    private readonly Func<DateOnly, CancellationToken, Task<RinkAvailability>> _load;
    private readonly DateOnly _day;
    private readonly long _ttlMs;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private Entry? _current;
    private int _refreshes;

    public RinkAvailabilityCache(DateOnly day, TimeSpan ttl, Func<DateOnly, CancellationToken, Task<RinkAvailability>> load)
    {
        _day = day;
        _ttlMs = (long)ttl.TotalMilliseconds;
        _load = load;
    }

    public int Refreshes => Volatile.Read(ref _refreshes);

    public async ValueTask<RinkAvailability> GetAsync(CancellationToken cancellationToken = default)
    {
        var entry = Volatile.Read(ref _current);
        if (entry is not null)
        {
            if (Environment.TickCount64 >= entry.ExpiresAtMs)
            {
                _ = TryRefreshInBackgroundAsync();
            }

            return entry.Value;
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            entry = Volatile.Read(ref _current);
            if (entry is null)
            {
                entry = await LoadEntryAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _current, entry);
            }

            return entry.Value;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task TryRefreshInBackgroundAsync()
    {
        if (!await _refreshGate.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            var existing = Volatile.Read(ref _current);
            if (existing is not null && Environment.TickCount64 < existing.ExpiresAtMs)
            {
                return;
            }

            Volatile.Write(ref _current, await LoadEntryAsync(CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception)
        {
            // Keep serving the previous value; the next read will try again.
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task<Entry> LoadEntryAsync(CancellationToken cancellationToken)
    {
        var value = await _load(_day, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _refreshes);
        return new Entry(value, Environment.TickCount64 + _ttlMs);
    }
}
