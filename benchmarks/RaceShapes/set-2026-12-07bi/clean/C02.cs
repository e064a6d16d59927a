using System.Collections.Concurrent;

namespace Blind61.OrganDonors.Registrations;

public interface IRequest<TResponse> { }

public interface IIdempotentRequest
{
    string IdempotencyKey { get; }
}

public delegate Task<TResponse> RequestHandlerDelegate<TResponse>();

public interface IPipelineBehavior<TRequest, TResponse> where TRequest : IRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken ct);
}

public sealed record RegisterDonorCommand(string IdempotencyKey, string NhsNumber, string[] Organs)
    : IRequest<Guid>, IIdempotentRequest;

/// <summary>
/// Stores the outcome of requests by idempotency key so that a retried donor registration
/// from the web form or the GP integration returns the original result instead of creating a
/// second record. Singleton.
/// </summary>
public sealed class IdempotencyStore
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> _results = new(StringComparer.Ordinal);

    public async Task<T> GetOrRunAsync<T>(string key, Func<Task<T>> run)
    {
        var entry = _results.GetOrAdd(key,
            _ => new Lazy<Task<object?>>(async () => await run().ConfigureAwait(false),
                LazyThreadSafetyMode.ExecutionAndPublication));

        try
        {
            return (T)(await entry.Value.ConfigureAwait(false))!;
        }
        catch
        {
            // let a later retry run it again rather than replaying the failure
            _results.TryRemove(new KeyValuePair<string, Lazy<Task<object?>>>(key, entry));
            throw;
        }
    }

    public int Count => _results.Count;
}

/// <summary>Pipeline behaviour that routes idempotent commands through the store.</summary>
public sealed class IdempotencyBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    private readonly IdempotencyStore _store;

    public IdempotencyBehavior(IdempotencyStore store) => _store = store;

    public Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken ct)
    {
        if (request is not IIdempotentRequest idempotent || string.IsNullOrEmpty(idempotent.IdempotencyKey))
            return next();

        var key = typeof(TRequest).Name + ":" + idempotent.IdempotencyKey;
        return _store.GetOrRunAsync(key, () => next());
    }
}

public sealed class RegisterDonorHandler
{
    private readonly Func<string, string[], Task<Guid>> _insert;

    public RegisterDonorHandler(Func<string, string[], Task<Guid>> insert) => _insert = insert;

    public Task<Guid> Handle(RegisterDonorCommand command, CancellationToken ct)
    {
        if (command.Organs.Length == 0)
            throw new ArgumentException("At least one organ must be selected.", nameof(command));
        return _insert(command.NhsNumber, command.Organs);
    }
}
