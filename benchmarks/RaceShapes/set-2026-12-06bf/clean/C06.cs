using System.Collections.Concurrent;

namespace Blind58.GlampingBookings;

public sealed record BookingRequest(string PitchId, DateOnly Arrive, DateOnly Depart, string GuestEmail);

public sealed record BookingResult(string Reference, string PitchId, decimal Total);

public interface IPitchBookingBackend
{
    Task<BookingResult> BookAsync(BookingRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Makes the glamping site's "book now" endpoint idempotent. The first request for an
/// idempotency key does the work; concurrent or repeated requests with the same key get the
/// same result. Failed attempts are forgotten so the guest can retry.
/// </summary>
public sealed class IdempotentBookingService
{
    private readonly IPitchBookingBackend _backend;
    private readonly ConcurrentDictionary<string, Lazy<Task<BookingResult>>> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstSeen = new(StringComparer.Ordinal);

    public IdempotentBookingService(IPitchBookingBackend backend)
    {
        _backend = backend;
    }

    public async Task<BookingResult> BookAsync(string idempotencyKey, BookingRequest request)
    {
        var entry = _byKey.GetOrAdd(idempotencyKey,
            _ => new Lazy<Task<BookingResult>>(() => _backend.BookAsync(request, CancellationToken.None)));
        _firstSeen.TryAdd(idempotencyKey, DateTimeOffset.UtcNow);

        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            _byKey.TryRemove(new KeyValuePair<string, Lazy<Task<BookingResult>>>(idempotencyKey, entry));
            _firstSeen.TryRemove(idempotencyKey, out _);
            throw;
        }
    }

    public int Purge(TimeSpan olderThan)
    {
        var cutoff = DateTimeOffset.UtcNow - olderThan;
        int removed = 0;
        foreach (var pair in _firstSeen)
        {
            if (pair.Value < cutoff && _firstSeen.TryRemove(pair))
            {
                _byKey.TryRemove(pair.Key, out _);
                removed++;
            }
        }

        return removed;
    }
}

/// <summary>Nightly housekeeping that drops old idempotency keys.</summary>
public sealed class IdempotencyPurgeJob : IDisposable
{
    private readonly Timer _timer;
    private int _lastPurged;

    public IdempotencyPurgeJob(IdempotentBookingService service)
    {
        _timer = new Timer(_ => Volatile.Write(ref _lastPurged, service.Purge(TimeSpan.FromDays(2))),
            null, TimeSpan.FromHours(1), TimeSpan.FromHours(24));
    }

    public int LastPurged => Volatile.Read(ref _lastPurged);

    public void Dispose() => _timer.Dispose();
}
