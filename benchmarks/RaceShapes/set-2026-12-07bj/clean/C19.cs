using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind62.CommunityOrchard.Outbox
{
    public sealed record OrchardMessage(Guid Id, string Topic, string Payload, DateTimeOffset CreatedAt);

    public interface IOrchardBus
    {
        Task SendAsync(IReadOnlyList<OrchardMessage> batch, CancellationToken cancellationToken);
    }

    /// <summary>
    /// In-memory outbox for the orchard volunteer app: harvest sign-ups, tree adoption
    /// changes and pruning-day reminders are queued by request handlers and sent in
    /// batches by <see cref="OutboxDispatcher"/>.
    /// </summary>
    public sealed class OrchardOutbox
    {
        private readonly SemaphoreSlim _mutex = new(1, 1);
        private List<OrchardMessage> _pending = new();

        public async Task EnqueueAsync(string topic, string payload, CancellationToken cancellationToken)
        {
            var message = new OrchardMessage(Guid.NewGuid(), topic, payload, DateTimeOffset.UtcNow);
            await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _pending.Add(message);
            }
            finally
            {
                _mutex.Release();
            }
        }

        /// <summary>Takes everything queued so far; the caller owns the returned list.</summary>
        public async Task<List<OrchardMessage>> DrainAsync(CancellationToken cancellationToken)
        {
            await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var drained = _pending;
                _pending = new List<OrchardMessage>();
                return drained;
            }
            finally
            {
                _mutex.Release();
            }
        }

        /// <summary>Puts a failed batch back at the front so ordering is kept.</summary>
        public async Task RequeueAsync(List<OrchardMessage> batch, CancellationToken cancellationToken)
        {
            await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                batch.AddRange(_pending);
                _pending = batch;
            }
            finally
            {
                _mutex.Release();
            }
        }
    }

    public sealed class OutboxDispatcher : BackgroundService
    {
        private readonly OrchardOutbox _outbox;
        private readonly IOrchardBus _bus;
        private readonly ILogger<OutboxDispatcher> _logger;

        public OutboxDispatcher(OrchardOutbox outbox, IOrchardBus bus, ILogger<OutboxDispatcher> logger)
        {
            _outbox = outbox;
            _bus = bus;
            _logger = logger;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var batch = await _outbox.DrainAsync(stoppingToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    await _bus.SendAsync(batch, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogWarning(ex, "Outbox send failed for {Count} messages; requeueing", batch.Count);
                    await _outbox.RequeueAsync(batch, stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }
}
