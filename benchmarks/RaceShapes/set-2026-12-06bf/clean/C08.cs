using System.Collections.Immutable;

namespace Blind58.DartsLiveScores;

public sealed record ThrowEvent(string Board, string Player, int Score, int Remaining);

public interface IScoreSubscriber
{
    ValueTask OnThrowAsync(ThrowEvent evt, CancellationToken cancellationToken);
}

/// <summary>
/// Pushes live throws from the oche scoring boards to every spectator screen in the pub.
/// Screens subscribe and unsubscribe at any time, including while a throw is being sent.
/// </summary>
public sealed class LiveScoreFanOut
{
    private ImmutableList<IScoreSubscriber> _subscribers = ImmutableList<IScoreSubscriber>.Empty;
    private long _sent;

    public int SubscriberCount => Volatile.Read(ref _subscribers).Count;

    public long Sent => Interlocked.Read(ref _sent);

    public IDisposable Subscribe(IScoreSubscriber subscriber)
    {
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(subscriber));
        return new Unsubscriber(this, subscriber);
    }

    private void Remove(IScoreSubscriber subscriber) =>
        ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(subscriber));

    public async Task PublishAsync(ThrowEvent evt, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _subscribers);
        if (snapshot.IsEmpty) return;

        var deliveries = new List<Task>(snapshot.Count);
        foreach (var subscriber in snapshot)
        {
            deliveries.Add(DeliverAsync(subscriber, evt, cancellationToken));
        }

        await Task.WhenAll(deliveries).ConfigureAwait(false);
    }

    private async Task DeliverAsync(IScoreSubscriber subscriber, ThrowEvent evt, CancellationToken cancellationToken)
    {
        try
        {
            await subscriber.OnThrowAsync(evt, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A screen that keeps failing is dropped; it will resubscribe on reconnect.
            Remove(subscriber);
        }
    }

    private sealed class Unsubscriber : IDisposable
    {
        private readonly LiveScoreFanOut _owner;
        private readonly IScoreSubscriber _subscriber;
        private int _disposed;

        public Unsubscriber(LiveScoreFanOut owner, IScoreSubscriber subscriber)
        {
            _owner = owner;
            _subscriber = subscriber;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _owner.Remove(_subscriber);
            }
        }
    }
}
