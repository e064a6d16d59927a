using System.Collections.Immutable;

namespace Blind27.SledRaces.Veterinary;

public sealed record DogDropNotice(string Bib, string Checkpoint, string DogName, string Reason);

/// <summary>
/// Fan-out of dropped-dog notices from checkpoint veterinarians to the race office,
/// the musher's handler app and the media desk. Components subscribe and unsubscribe at
/// any time while the race is running.
/// </summary>
public sealed class DogDropNotifier
{
    private ImmutableArray<Action<DogDropNotice>> _handlers = ImmutableArray<Action<DogDropNotice>>.Empty;

    public IDisposable Subscribe(Action<DogDropNotice> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, (list, h) => list.Add(h), handler);
        return new Unsubscriber(this, handler);
    }

    public void Publish(DogDropNotice notice)
    {
        var handlers = ImmutableInterlocked.InterlockedCompareExchange(ref _handlers, default, default);
        foreach (var handler in handlers)
        {
            handler(notice);
        }
    }

    public int SubscriberCount => ImmutableInterlocked.InterlockedCompareExchange(ref _handlers, default, default).Length;

    private void Unsubscribe(Action<DogDropNotice> handler) =>
        ImmutableInterlocked.Update(ref _handlers, (list, h) => list.Remove(h), handler);

    private sealed class Unsubscriber : IDisposable
    {
        private DogDropNotifier? _owner;
        private readonly Action<DogDropNotice> _handler;

        public Unsubscriber(DogDropNotifier owner, Action<DogDropNotice> handler)
        {
            _owner = owner;
            _handler = handler;
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Unsubscribe(_handler);
    }
}

/// <summary>
/// Receives notices typed in at the checkpoint vet tents. Each tent's tablet connection
/// runs on its own thread-pool work item.
/// </summary>
public sealed class VetTentGateway
{
    private readonly DogDropNotifier _notifier;

    public VetTentGateway(DogDropNotifier notifier) => _notifier = notifier;

    public void Accept(IEnumerable<DogDropNotice> tabletStream)
    {
        ThreadPool.QueueUserWorkItem(static state =>
        {
            var (notifier, stream) = state;
            foreach (var notice in stream)
            {
                notifier.Publish(notice);
            }
        }, (_notifier, tabletStream), preferLocal: false);
    }
}
