namespace Blind28.PuppetTheatre.Touring;

public sealed record VenueConfirmed(string Venue, DateOnly Date, int Seats);
public sealed record VanDelayed(string VanId, TimeSpan Delay, string Reason);

/// <summary>
/// In-process message hub for the touring office. Booking workers, the van tracker and
/// the UI all publish and subscribe through the one instance.
/// </summary>
public sealed class TourEventHub
{
    private readonly object _gate = new();
    private readonly Dictionary<Type, List<Delegate>> _handlers = new();

    public IDisposable Subscribe<T>(Action<T> handler)
    {
        List<Delegate> list;
        lock (_gate)
        {
            if (!_handlers.TryGetValue(typeof(T), out list!))
            {
                list = new List<Delegate>();
                _handlers[typeof(T)] = list;
            }

            list.Add(handler);
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                list.Remove(handler);
            }
        });
    }

    public void Publish<T>(T message)
    {
        List<Delegate>? list;
        lock (_gate)
        {
            _handlers.TryGetValue(typeof(T), out list);
        }

        if (list is null)
        {
            return;
        }

        foreach (var handler in list)
        {
            ((Action<T>)handler)(message);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private Action? _unsubscribe;

        public Subscription(Action unsubscribe) => _unsubscribe = unsubscribe;

        public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
    }
}

public sealed class VanTracker
{
    private readonly TourEventHub _hub;

    public VanTracker(TourEventHub hub) => _hub = hub;

    public Task StartAsync(IEnumerable<string> vanIds, CancellationToken ct)
    {
        var polls = vanIds.Select(van => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                var delay = TimeSpan.FromMinutes(Random.Shared.Next(0, 45));
                if (delay > TimeSpan.FromMinutes(20))
                {
                    _hub.Publish(new VanDelayed(van, delay, "traffic"));
                }
            }
        }, ct));
        return Task.WhenAll(polls);
    }
}
