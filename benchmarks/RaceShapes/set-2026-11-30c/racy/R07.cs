using System.Threading.Channels;

namespace WingTip.Messaging
{
    public sealed record InboundMessage(string MessageId, string Type, ReadOnlyMemory<byte> Body, int DeliveryCount);

    public interface IMessageHandler
    {
        Task HandleAsync(InboundMessage message, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Pulls messages from the broker's prefetch buffer and dispatches them to the
    /// handler. The broker delivers at-least-once, so redeliveries of a message that
    /// was already processed are acknowledged and skipped.
    /// </summary>
    public sealed class InboxConsumer
    {
        private readonly Channel<InboundMessage> _prefetch;
        private readonly IMessageHandler _handler;
        private readonly int _workerCount;
        private readonly HashSet<string> _processedIds = new(StringComparer.Ordinal);

        public InboxConsumer(Channel<InboundMessage> prefetch, IMessageHandler handler, int workerCount)
        {
            _prefetch = prefetch;
            _handler = handler;
            _workerCount = workerCount;
        }

        public Task RunAsync(CancellationToken stoppingToken)
        {
            var workers = new Task[_workerCount];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = Task.Run(() => ConsumeAsync(stoppingToken), stoppingToken);
            }
            return Task.WhenAll(workers);
        }

        private async Task ConsumeAsync(CancellationToken stoppingToken)
        {
            await foreach (var message in _prefetch.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (message.DeliveryCount > 1 && WasProcessed(message.MessageId))
                {
                    continue;
                }

                await _handler.HandleAsync(message, stoppingToken).ConfigureAwait(false);
                RememberProcessed(message.MessageId);
            }
        }

        private bool WasProcessed(string messageId) => _processedIds.Contains(messageId);

        private void RememberProcessed(string messageId)
        {
            _processedIds.Add(messageId);
        }
    }
}
