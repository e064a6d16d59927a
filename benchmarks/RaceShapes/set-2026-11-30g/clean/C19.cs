using System.Collections.Immutable;

namespace MessageBus.Dispatch;

public interface IMessageInterceptor
{
    ValueTask OnDispatchingAsync(string messageType, object message, CancellationToken ct);
}

/// <summary>
/// Holds the interceptors that run before each dispatched message. Interceptors may be
/// added or removed at runtime while dispatches are in progress on other threads.
/// </summary>
public sealed class InterceptorChain
{
    private ImmutableList<IMessageInterceptor> _interceptors = ImmutableList<IMessageInterceptor>.Empty;

    public int Count => Volatile.Read(ref _interceptors).Count;

    public void Add(IMessageInterceptor interceptor)
    {
        ArgumentNullException.ThrowIfNull(interceptor);

        while (true)
        {
            var original = Volatile.Read(ref _interceptors);
            var updated = original.Add(interceptor);
            if (Interlocked.CompareExchange(ref _interceptors, updated, original) == original)
                return;
        }
    }

    public bool Remove(IMessageInterceptor interceptor)
    {
        while (true)
        {
            var original = Volatile.Read(ref _interceptors);
            int index = original.IndexOf(interceptor);
            if (index < 0)
                return false;

            var updated = original.RemoveAt(index);
            if (Interlocked.CompareExchange(ref _interceptors, updated, original) == original)
                return true;
        }
    }

    public async ValueTask RunAsync(string messageType, object message, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _interceptors);
        foreach (var interceptor in snapshot)
            await interceptor.OnDispatchingAsync(messageType, message, ct).ConfigureAwait(false);
    }
}

public sealed class AuditInterceptor : IMessageInterceptor
{
    public ValueTask OnDispatchingAsync(string messageType, object message, CancellationToken ct)
    {
        Console.WriteLine($"{DateTime.UtcNow:O} dispatching {messageType}");
        return ValueTask.CompletedTask;
    }
}
