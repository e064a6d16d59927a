namespace Blind27.SledRaces.Checkpoints;

public sealed record MusherArrival(string Bib, string Checkpoint, DateTimeOffset ArrivedAt, int DogsInHarness);

/// <summary>
/// In-process bus that fans checkpoint arrivals out to interested components
/// (leaderboard, veterinary desk, live commentary feed). Components subscribe and
/// unsubscribe at any time while the race is running.
/// </summary>
public sealed class CheckpointBus
{
    private sealed class Subscription : IDisposable
    {
        private readonly CheckpointBus _owner;

        public Subscription(CheckpointBus owner, string? checkpoint, Action<MusherArrival> handler)
        {
            _owner = owner;
            Checkpoint = checkpoint;
            Handler = handler;
        }

        public string? Checkpoint { get; }
        public Action<MusherArrival> Handler { get; }

        public void Dispose() => _owner.Remove(this);
    }

    private readonly object _gate = new();
    private readonly List<Subscription> _subscriptions = new();

    /// <summary>Subscribes to arrivals at one checkpoint, or all checkpoints when null.</summary>
    public IDisposable Subscribe(string? checkpoint, Action<MusherArrival> handler)
    {
        var sub = new Subscription(this, checkpoint, handler);
        lock (_gate)
        {
            _subscriptions.Add(sub);
        }
        return sub;
    }

    private void Remove(Subscription sub)
    {
        lock (_gate)
        {
            _subscriptions.Remove(sub);
        }
    }

    public int Publish(MusherArrival arrival)
    {
        var delivered = 0;
        for (var i = 0; i < _subscriptions.Count; i++)
        {
            var sub = _subscriptions[i];
            if (sub.Checkpoint is null || sub.Checkpoint == arrival.Checkpoint)
            {
                sub.Handler(arrival);
                delivered++;
            }
        }
        return delivered;
    }
}

/// <summary>
/// Reads arrival messages from the satellite trackers. Each tracker uplink runs its
/// own receive loop on a dedicated thread.
/// </summary>
public sealed class TrackerUplink
{
    private readonly CheckpointBus _bus;

    public TrackerUplink(CheckpointBus bus) => _bus = bus;

    public Thread StartReceiveLoop(string uplinkName, Func<MusherArrival?> receive, CancellationToken ct)
    {
        var thread = new Thread(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                var arrival = receive();
                if (arrival is not null)
                {
                    _bus.Publish(arrival);
                }
            }
        })
        {
            IsBackground = true,
            Name = "uplink-" + uplinkName,
        };
        thread.Start();
        return thread;
    }
}
