namespace Blind58.PubQuizLive;

public sealed record QuizMessage(string League, int Round, string Text);

/// <summary>
/// Fans out live quiz-night messages (round starts, answers, standings) to every
/// connected team tablet. Tablets subscribe when their websocket connects, which happens
/// concurrently from many request threads; the quizmaster's console publishes.
/// </summary>
public sealed class QuizRoomBroadcaster
{
    private Func<QuizMessage, ValueTask>[] _subscribers = Array.Empty<Func<QuizMessage, ValueTask>>();
    private long _delivered;
    private long _failed;

    public long Delivered => Interlocked.Read(ref _delivered);
    public long Failed => Interlocked.Read(ref _failed);

    public IDisposable Subscribe(Func<QuizMessage, ValueTask> handler)
    {
        var current = Volatile.Read(ref _subscribers);
        var updated = new Func<QuizMessage, ValueTask>[current.Length + 1];
        Array.Copy(current, updated, current.Length);
        updated[^1] = handler;
        _subscribers = updated;
        return new Subscription(this, handler);
    }

    private void Unsubscribe(Func<QuizMessage, ValueTask> handler)
    {
        while (true)
        {
            var current = Volatile.Read(ref _subscribers);
            int index = Array.IndexOf(current, handler);
            if (index < 0)
            {
                return;
            }

            var updated = new Func<QuizMessage, ValueTask>[current.Length - 1];
            Array.Copy(current, 0, updated, 0, index);
            Array.Copy(current, index + 1, updated, index, current.Length - index - 1);
            if (Interlocked.CompareExchange(ref _subscribers, updated, current) == current)
            {
                return;
            }
        }
    }

    public async Task PublishAsync(QuizMessage message)
    {
        var snapshot = Volatile.Read(ref _subscribers);
        var sends = new Task[snapshot.Length];
        for (int i = 0; i < snapshot.Length; i++)
        {
            sends[i] = SendOneAsync(snapshot[i], message);
        }

        await Task.WhenAll(sends).ConfigureAwait(false);
    }

    private async Task SendOneAsync(Func<QuizMessage, ValueTask> handler, QuizMessage message)
    {
        try
        {
            await handler(message).ConfigureAwait(false);
            Interlocked.Increment(ref _delivered);
        }
        catch (Exception)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    private sealed class Subscription : IDisposable
    {
        private QuizRoomBroadcaster? _owner;
        private readonly Func<QuizMessage, ValueTask> _handler;

        public Subscription(QuizRoomBroadcaster owner, Func<QuizMessage, ValueTask> handler)
        {
            _owner = owner;
            _handler = handler;
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Unsubscribe(_handler);
    }
}
