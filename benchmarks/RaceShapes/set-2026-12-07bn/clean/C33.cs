using System.Collections.Concurrent;

namespace Blind66.YurtRentals.Payments;

public interface IRequest<TResponse>
{
}

public interface IIdempotentRequest
{
    string IdempotencyKey { get; }
}

public delegate Task<TResponse> RequestHandlerDelegate<TResponse>();

public interface IPipelineBehavior<TRequest, TResponse>
{
    Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken ct);
}

public sealed record TakeDeposit(string IdempotencyKey, string BookingRef, decimal Amount) : IRequest<DepositReceipt>, IIdempotentRequest;

public sealed record DepositReceipt(string BookingRef, string PaymentId, decimal Amount);

/// <summary>Remembers the outcome of each idempotency key for a while. Singleton.</summary>
public sealed class IdempotencyStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool TryBegin(string key, DateTimeOffset now, out Task<object?> existing, out TaskCompletionSource<object?> owner)
    {
        var created = new Entry(new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously), now);
        var entry = _entries.GetOrAdd(key, created);
        existing = entry.Completion.Task;
        owner = created.Completion;
        return ReferenceEquals(entry, created);
    }

    public void Forget(string key) => _entries.TryRemove(key, out _);

    public int Purge(DateTimeOffset olderThan)
    {
        var removed = 0;
        foreach (var pair in _entries)
        {
            if (pair.Value.CreatedAt < olderThan && pair.Value.Completion.Task.IsCompleted && _entries.TryRemove(pair))
            {
                removed++;
            }
        }

        return removed;
    }

    private sealed record Entry(TaskCompletionSource<object?> Completion, DateTimeOffset CreatedAt);
}

/// <summary>
/// Pipeline behaviour that makes deposit-taking requests idempotent: a retried or double-clicked
/// request with the same key gets the first request's receipt instead of charging twice.
/// </summary>
public sealed class IdempotencyBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IIdempotentRequest
{
    private readonly IdempotencyStore _store;
    private readonly TimeProvider _clock;

    public IdempotencyBehavior(IdempotencyStore store, TimeProvider clock)
    {
        _store = store;
        _clock = clock;
    }

    public async Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken ct)
    {
        if (!_store.TryBegin(request.IdempotencyKey, _clock.GetUtcNow(), out var existing, out var owner))
        {
            return (TResponse)(await existing.WaitAsync(ct).ConfigureAwait(false))!;
        }

        try
        {
            var response = await next().ConfigureAwait(false);
            owner.SetResult(response);
            return response;
        }
        catch (Exception ex)
        {
            // Failed attempts may be retried with the same key.
            _store.Forget(request.IdempotencyKey);
            owner.SetException(ex);
            throw;
        }
    }
}
