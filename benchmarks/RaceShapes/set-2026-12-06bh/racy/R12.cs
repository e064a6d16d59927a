using System.Collections.Concurrent;

namespace Blind60.CiderPress.Orders;

public sealed record OrderResult(string OrderId, decimal Total, DateTime AcceptedUtc);

/// <summary>
/// Remembers the outcome of each wholesale cider order by its Idempotency-Key header so
/// retried POSTs from pub ordering systems return the original result.
/// Registered as an ASP.NET Core singleton.
/// </summary>
public sealed class IdempotencyKeyStore
{
    private readonly ConcurrentDictionary<string, OrderResult> _completed = new();
    private readonly Dictionary<string, SemaphoreSlim> _keyLocks = new();

    public async Task<OrderResult> ExecuteOnceAsync(string idempotencyKey, Func<CancellationToken, Task<OrderResult>> placeOrder, CancellationToken ct)
    {
        if (_completed.TryGetValue(idempotencyKey, out var done))
        {
            return done;
        }

        var gate = GetKeyLock(idempotencyKey);
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_completed.TryGetValue(idempotencyKey, out done))
            {
                return done;
            }

            var result = await placeOrder(ct).ConfigureAwait(false);
            _completed[idempotencyKey] = result;
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private SemaphoreSlim GetKeyLock(string key)
    {
        if (!_keyLocks.TryGetValue(key, out var gate))
        {
            gate = new SemaphoreSlim(1, 1);
            _keyLocks[key] = gate;
        }
        return gate;
    }

    public int CompletedCount => _completed.Count;
}

public sealed class WholesaleOrderEndpoint
{
    private readonly IdempotencyKeyStore _store;
    private int _orderNumber;

    public WholesaleOrderEndpoint(IdempotencyKeyStore store) => _store = store;

    public Task<OrderResult> PostAsync(string idempotencyKey, int cases, CancellationToken ct)
    {
        return _store.ExecuteOnceAsync(idempotencyKey, async token =>
        {
            await Task.Delay(30, token); // reserve stock in the cellar system
            var id = $"CP-{Interlocked.Increment(ref _orderNumber):D6}";
            return new OrderResult(id, cases * 42.50m, DateTime.UtcNow);
        }, ct);
    }
}
