using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind35.DryStoneBridges.Outbox;

public sealed record OutboxMessage(Guid Id, string Topic, string Payload, DateTime CreatedAt);

public interface IHeritageBoardClient
{
    Task PublishAsync(string topic, string payload, CancellationToken ct);
}

/// <summary>
/// In-process outbox for bridge survey events destined for the heritage board. Survey
/// endpoints enqueue from request threads; the dispatcher drains in batches.
/// </summary>
public sealed class SurveyOutbox
{
    private readonly object _sync = new();
    private readonly List<OutboxMessage> _pending = new();
    private readonly HashSet<Guid> _inFlight = new();

    public void Enqueue(string topic, string payload)
    {
        lock (_sync)
        {
            _pending.Add(new OutboxMessage(Guid.NewGuid(), topic, payload, DateTime.UtcNow));
        }
    }

    public IReadOnlyList<OutboxMessage> ClaimBatch(int max)
    {
        lock (_sync)
        {
            var batch = _pending.Where(m => !_inFlight.Contains(m.Id)).Take(max).ToList();
            foreach (var m in batch)
            {
                _inFlight.Add(m.Id);
            }

            return batch;
        }
    }

    public void Complete(Guid id, bool delivered)
    {
        lock (_sync)
        {
            _inFlight.Remove(id);
            if (delivered)
            {
                _pending.RemoveAll(m => m.Id == id);
            }
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_sync)
            {
                return _pending.Count;
            }
        }
    }
}

public sealed class OutboxDispatcher : BackgroundService
{
    private readonly SurveyOutbox _outbox;
    private readonly IHeritageBoardClient _client;
    private readonly ILogger<OutboxDispatcher> _logger;

    public OutboxDispatcher(SurveyOutbox outbox, IHeritageBoardClient client, ILogger<OutboxDispatcher> logger)
    {
        _outbox = outbox;
        _client = client;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var batch = _outbox.ClaimBatch(20);
            await Parallel.ForEachAsync(batch, stoppingToken, async (message, ct) =>
            {
                var delivered = false;
                try
                {
                    await _client.PublishAsync(message.Topic, message.Payload, ct);
                    delivered = true;
                }
                catch (HttpRequestException ex)
                {
                    _logger.LogWarning(ex, "Outbox message {Id} not delivered", message.Id);
                }
                finally
                {
                    _outbox.Complete(message.Id, delivered);
                }
            });
        }
    }
}
