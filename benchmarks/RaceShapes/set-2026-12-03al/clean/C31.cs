using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind38.Pottery.Orders;

public sealed record OutboxMessage(Guid Id, string Topic, string Payload, DateTime CreatedUtc);

public interface IOrderBus
{
    Task PublishAsync(string topic, string payload, CancellationToken ct);
}

/// <summary>
/// Outbox dispatcher for the studio's commission orders ("glaze chosen", "bisque fired",
/// "ready to collect"). Request handlers call <see cref="Enqueue"/> after committing their
/// database transaction; the hosted service publishes in order with retries.
/// </summary>
public sealed class KilnOrderOutbox : BackgroundService
{
    private readonly Channel<OutboxMessage> _channel = Channel.CreateUnbounded<OutboxMessage>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly IOrderBus _bus;
    private readonly ILogger<KilnOrderOutbox> _logger;
    private long _dispatched;
    private long _retries;

    public KilnOrderOutbox(IOrderBus bus, ILogger<KilnOrderOutbox> logger)
    {
        _bus = bus;
        _logger = logger;
    }

    public long Dispatched => Interlocked.Read(ref _dispatched);

    public long Retries => Interlocked.Read(ref _retries);

    public bool Enqueue(string topic, string payload) =>
        _channel.Writer.TryWrite(new OutboxMessage(Guid.NewGuid(), topic, payload, DateTime.UtcNow));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _channel.Reader.ReadAllAsync(stoppingToken))
        {
            var attempt = 0;
            while (true)
            {
                try
                {
                    await _bus.PublishAsync(message.Topic, message.Payload, stoppingToken);
                    Interlocked.Increment(ref _dispatched);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < 5)
                {
                    attempt++;
                    Interlocked.Increment(ref _retries);
                    _logger.LogWarning(ex, "Publishing {Id} failed, attempt {Attempt}", message.Id, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt)), stoppingToken);
                }
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }
}
