using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Blind57.DroneRacing.Outbox;

public enum OutboxStatus { Pending, InFlight, Sent }

public sealed record OutboxRow(Guid Id, string Topic, string Payload, OutboxStatus Status, int Attempts);

/// <summary>
/// Outbox for result messages of the drone racing league (heat results, penalties, standings).
/// The regular dispatcher and the retry sweeper both work through it; a row changes state by
/// swapping in a new record.
/// </summary>
public sealed class RaceResultOutbox
{
    private readonly ConcurrentDictionary<Guid, OutboxRow> _rows = new();

    public Guid Enqueue(string topic, string payload)
    {
        var row = new OutboxRow(Guid.NewGuid(), topic, payload, OutboxStatus.Pending, 0);
        _rows[row.Id] = row;
        return row.Id;
    }

    public IReadOnlyList<Guid> PendingIds() =>
        _rows.Where(kv => kv.Value.Status == OutboxStatus.Pending).Select(kv => kv.Key).ToList();

    public bool TryClaim(Guid id, out OutboxRow claimed)
    {
        while (_rows.TryGetValue(id, out var current) && current.Status == OutboxStatus.Pending)
        {
            var next = current with { Status = OutboxStatus.InFlight, Attempts = current.Attempts + 1 };
            if (_rows.TryUpdate(id, next, current))
            {
                claimed = next;
                return true;
            }
        }

        claimed = null!;
        return false;
    }

    public bool MarkSent(OutboxRow claimed) =>
        _rows.TryUpdate(claimed.Id, claimed with { Status = OutboxStatus.Sent }, claimed);

    public bool ReturnForRetry(OutboxRow claimed) =>
        _rows.TryUpdate(claimed.Id, claimed with { Status = OutboxStatus.Pending }, claimed);

    public int PurgeSent() =>
        _rows.Where(kv => kv.Value.Status == OutboxStatus.Sent)
             .Count(kv => _rows.TryRemove(kv));
}

public interface IResultsBroker
{
    Task PublishAsync(string topic, string payload, CancellationToken ct);
}

/// <summary>Publishes outbox rows; registered twice (fast dispatcher and slow retry sweeper).</summary>
public sealed class OutboxDispatcher : BackgroundService
{
    private readonly RaceResultOutbox _outbox;
    private readonly IResultsBroker _broker;
    private readonly TimeSpan _interval;

    public OutboxDispatcher(RaceResultOutbox outbox, IResultsBroker broker, TimeSpan interval)
    {
        _outbox = outbox;
        _broker = broker;
        _interval = interval;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var id in _outbox.PendingIds())
            {
                if (!_outbox.TryClaim(id, out var row)) continue;

                try
                {
                    await _broker.PublishAsync(row.Topic, row.Payload, stoppingToken);
                    _outbox.MarkSent(row);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _outbox.ReturnForRetry(row);
                }
            }

            _outbox.PurgeSent();
        }
    }
}
