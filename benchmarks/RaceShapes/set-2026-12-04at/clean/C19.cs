using System.Collections.Immutable;

namespace Blind46.BellFoundry.Notifications;

public sealed record CastingEvent(string BellId, string Stage, DateTime Utc);

/// <summary>
/// Lets workshop displays and customer portals subscribe to casting progress of
/// particular bells. Subscriptions come and go from web requests while the mould
/// shop publishes events from its own workers.
/// </summary>
public sealed class CastingSubscriptions
{
    private ImmutableDictionary<string, ImmutableList<Func<CastingEvent, Task>>> _byBell =
        ImmutableDictionary.Create<string, ImmutableList<Func<CastingEvent, Task>>>(StringComparer.OrdinalIgnoreCase);

    public IDisposable Subscribe(string bellId, Func<CastingEvent, Task> handler)
    {
        ImmutableInterlocked.AddOrUpdate(
            ref _byBell,
            bellId,
            _ => ImmutableList.Create(handler),
            (_, existing) => existing.Add(handler));

        return new Subscription(this, bellId, handler);
    }

    public async Task PublishAsync(CastingEvent evt)
    {
        var snapshot = Volatile.Read(ref _byBell);
        if (!snapshot.TryGetValue(evt.BellId, out var handlers))
            return;

        foreach (var handler in handlers)
        {
            try
            {
                await handler(evt).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Casting subscriber failed for {evt.BellId}: {ex.Message}");
            }
        }
    }

    public int SubscriberCount(string bellId) =>
        Volatile.Read(ref _byBell).TryGetValue(bellId, out var list) ? list.Count : 0;

    private void Remove(string bellId, Func<CastingEvent, Task> handler)
    {
        ImmutableInterlocked.Update(ref _byBell, map =>
        {
            if (!map.TryGetValue(bellId, out var list))
                return map;
            var trimmed = list.Remove(handler);
            return trimmed.IsEmpty ? map.Remove(bellId) : map.SetItem(bellId, trimmed);
        });
    }

    private sealed class Subscription : IDisposable
    {
        private CastingSubscriptions? _owner;
        private readonly string _bellId;
        private readonly Func<CastingEvent, Task> _handler;

        public Subscription(CastingSubscriptions owner, string bellId, Func<CastingEvent, Task> handler)
        {
            _owner = owner;
            _bellId = bellId;
            _handler = handler;
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Remove(_bellId, _handler);
    }
}
