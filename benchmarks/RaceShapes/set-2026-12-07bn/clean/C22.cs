using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind66.CiderPress.Outbox;

public sealed record PressingRecorded(Guid MessageId, string Orchard, double Litres, DateTimeOffset At);

public interface IMessageBus
{
    Task PublishAsync(PressingRecorded message, CancellationToken ct);
}

/// <summary>
/// In-memory outbox for pressing events. Request handlers add messages; the dispatcher
/// publishes them and periodically compacts delivered entries away.
/// </summary>
public sealed class PressingOutbox
{
    private readonly object _gate = new();
    private readonly List<Entry> _entries = new();

    public void Add(PressingRecorded message)
    {
        lock (_gate)
        {
            _entries.Add(new Entry(message));
        }
    }

    public IReadOnlyList<PressingRecorded> Pending(int max)
    {
        lock (_gate)
        {
            return _entries.Where(e => !e.Delivered).Take(max).Select(e => e.Message).ToList();
        }
    }

    public void MarkDelivered(Guid messageId)
    {
        lock (_gate)
        {
            var entry = _entries.Find(e => e.Message.MessageId == messageId);
            if (entry is not null)
            {
                entry.Delivered = true;
            }
        }
    }

    public int Compact()
    {
        lock (_gate)
        {
            return _entries.RemoveAll(e => e.Delivered);
        }
    }

    private sealed class Entry
    {
        public Entry(PressingRecorded message) => Message = message;

        public PressingRecorded Message { get; }
        public bool Delivered { get; set; }
    }
}

/// <summary>Publishes outbox entries and compacts delivered ones every few rounds.</summary>
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly PressingOutbox _outbox;
    private readonly IMessageBus _bus;
    private readonly ILogger<OutboxDispatcher> _logger;

    public OutboxDispatcher(PressingOutbox outbox, IMessageBus bus, ILogger<OutboxDispatcher> logger)
    {
        _outbox = outbox;
        _bus = bus;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        var round = 0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var message in _outbox.Pending(100))
            {
                try
                {
                    await _bus.PublishAsync(message, stoppingToken);
                    _outbox.MarkDelivered(message.MessageId);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogWarning(ex, "Publish of {MessageId} failed; will retry", message.MessageId);
                    break;
                }
            }

            if (++round % 30 == 0)
            {
                var removed = _outbox.Compact();
                _logger.LogDebug("Outbox compaction removed {Count} entries", removed);
            }
        }
    }
}

/// <summary>
/// Consumer side: updates the vat ledger once per message even if the bus redelivers it.
/// Invoked concurrently by the bus client's consumer threads.
/// </summary>
public sealed class VatLedgerHandler
{
    private readonly ConcurrentDictionary<Guid, byte> _seen = new();
    private readonly ConcurrentDictionary<string, double> _litresByOrchard = new(StringComparer.OrdinalIgnoreCase);

    public bool Handle(PressingRecorded message)
    {
        if (!_seen.TryAdd(message.MessageId, 0))
        {
            return false;
        }

        _litresByOrchard.AddOrUpdate(message.Orchard, message.Litres, (_, existing) => existing + message.Litres);
        return true;
    }

    public double LitresFrom(string orchard) => _litresByOrchard.GetValueOrDefault(orchard);
}
