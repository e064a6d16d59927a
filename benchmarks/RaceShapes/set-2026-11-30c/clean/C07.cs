using System.Threading.Channels;

namespace WingTip.Messaging.Inbox
{
    public sealed record Envelope(string MessageId, string Subject, string Body, int Attempt);

    public interface IEnvelopeHandler
    {
        ValueTask HandleAsync(Envelope envelope, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Ordered inbox for a single partition. Network receive callbacks post
    /// envelopes; the consumer loop handles them in order and skips ids that
    /// were already handled.
    /// </summary>
    public sealed class PartitionInbox
    {
        private readonly Channel<Envelope> _channel = Channel.CreateUnbounded<Envelope>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

        private readonly IEnvelopeHandler _handler;
        private readonly HashSet<string> _handledIds = new(StringComparer.Ordinal);
        private readonly Queue<string> _handledOrder = new();
        private readonly int _dedupWindow;

        public PartitionInbox(IEnvelopeHandler handler, int dedupWindow = 10_000)
        {
            _handler = handler;
            _dedupWindow = dedupWindow;
        }

        /// <summary>Called by the transport's receive callbacks.</summary>
        public bool Post(Envelope envelope) => _channel.Writer.TryWrite(envelope);

        public void Complete() => _channel.Writer.TryComplete();

        public async Task RunAsync(CancellationToken stoppingToken)
        {
            await foreach (var envelope in _channel.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (IsDuplicate(envelope.MessageId))
                {
                    continue;
                }

                await _handler.HandleAsync(envelope, stoppingToken).ConfigureAwait(false);
                MarkHandled(envelope.MessageId);
            }
        }

        private bool IsDuplicate(string id) => _handledIds.Contains(id);

        private void MarkHandled(string id)
        {
            if (!_handledIds.Add(id))
            {
                return;
            }

            _handledOrder.Enqueue(id);
            while (_handledOrder.Count > _dedupWindow)
            {
                _handledIds.Remove(_handledOrder.Dequeue());
            }
        }
    }
}
