using System.Collections.Concurrent;

namespace Blind64.LlamaTrek.Outbox
{
    public sealed record TrekBookedMessage(Guid BookingId, string Route, DateOnly StartDate, int Llamas);

    public interface IMessagePublisher
    {
        Task PublishAsync(TrekBookedMessage message, CancellationToken ct);
    }

    /// <summary>
    /// In-memory outbox for booking events. Request handlers add messages; whichever caller
    /// finds the outbox idle becomes the flusher and drains it, so at most one flush runs.
    /// </summary>
    public sealed class BookingOutbox
    {
        private readonly ConcurrentQueue<TrekBookedMessage> _pending = new();
        private readonly IMessagePublisher _publisher;
        private int _flushing;
        private long _published;

        public BookingOutbox(IMessagePublisher publisher) => _publisher = publisher;

        public long Published => Interlocked.Read(ref _published);

        public void Add(TrekBookedMessage message)
        {
            _pending.Enqueue(message);
            _ = TryFlushAsync();
        }

        public async Task TryFlushAsync()
        {
            while (!_pending.IsEmpty)
            {
                if (Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
                {
                    return;
                }

                try
                {
                    while (_pending.TryPeek(out var next))
                    {
                        try
                        {
                            await _publisher.PublishAsync(next, CancellationToken.None).ConfigureAwait(false);
                        }
                        catch (HttpRequestException)
                        {
                            // Leave the message at the head of the queue; the next Add retries.
                            return;
                        }

                        _pending.TryDequeue(out _);
                        Interlocked.Increment(ref _published);
                    }
                }
                finally
                {
                    Volatile.Write(ref _flushing, 0);
                }
            }
        }
    }

    public static class BookingEndpoints
    {
        public static string Book(BookingOutbox outbox, string route, DateOnly start, int llamas)
        {
            var id = Guid.NewGuid();
            outbox.Add(new TrekBookedMessage(id, route, start, llamas));
            return id.ToString("N");
        }
    }
}
