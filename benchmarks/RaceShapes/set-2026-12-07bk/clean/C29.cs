using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Blind63.CanalBoatHire.Payments;

public sealed record DepositResult(string BookingRef, decimal Amount, string ReceiptNumber);

public interface IDepositTaker
{
    Task<DepositResult> TakeAsync(string bookingRef, decimal amount, CancellationToken ct);
}

/// <summary>
/// Idempotency-key store for the deposit endpoint. Retries from the
/// booking app carry the same key and must not charge the hirer twice.
/// Registered as a singleton.
/// </summary>
public sealed class DepositIdempotencyStore
{
    private sealed record Entry(Lazy<Task<DepositResult>> Result, DateTimeOffset CreatedAt);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl;

    public DepositIdempotencyStore(TimeSpan ttl) => _ttl = ttl;

    public Task<DepositResult> RunOnceAsync(string key, Func<Task<DepositResult>> action)
    {
        var entry = _entries.GetOrAdd(key, _ => new Entry(
            new Lazy<Task<DepositResult>>(action, LazyThreadSafetyMode.ExecutionAndPublication),
            DateTimeOffset.UtcNow));
        return entry.Result.Value;
    }

    /// <summary>Background compaction; removes expired entries that have completed.</summary>
    public int Compact()
    {
        var cutoff = DateTimeOffset.UtcNow - _ttl;
        int removed = 0;
        foreach (var kv in _entries)
        {
            var entry = kv.Value;
            if (entry.CreatedAt < cutoff && entry.Result.IsValueCreated && entry.Result.Value.IsCompleted)
            {
                if (_entries.TryRemove(kv))
                {
                    removed++;
                }
            }
        }
        return removed;
    }
}

public static class DepositEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpRequest request, string bookingRef, decimal amount,
        DepositIdempotencyStore store, IDepositTaker taker, CancellationToken ct)
    {
        if (!request.Headers.TryGetValue("Idempotency-Key", out var key) || string.IsNullOrWhiteSpace(key))
        {
            return Results.BadRequest("Idempotency-Key header required");
        }

        var result = await store.RunOnceAsync(key.ToString(), () => taker.TakeAsync(bookingRef, amount, CancellationToken.None));
        return Results.Ok(result);
    }
}

public sealed class IdempotencyCompactor : IDisposable
{
    private readonly Timer _timer;

    public IdempotencyCompactor(DepositIdempotencyStore store) =>
        _timer = new Timer(_ => store.Compact(), null, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));

    public void Dispose() => _timer.Dispose();
}
