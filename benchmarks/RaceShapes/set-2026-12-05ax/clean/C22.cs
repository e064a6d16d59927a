using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind50.Beekeeping.Outbox;

public sealed record OutboxMessage(long Sequence, string Topic, string Payload);

public interface IMarketplaceBus
{
    Task PublishAsync(string topic, string payload, CancellationToken cancellationToken);
}

/// <summary>
/// Outbox for the beekeeping cooperative's honey sales. Order handlers write messages into
/// the outbox as part of their work; a single dispatcher loop publishes them to the marketplace
/// bus in order, retrying failed messages with backoff before moving on.
/// </summary>
public sealed class HoneySalesOutbox : BackgroundService
{
    private readonly Channel<OutboxMessage> _channel =
        Channel.CreateBounded<OutboxMessage>(new BoundedChannelOptions(10_000)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private readonly IMarketplaceBus _bus;
    private readonly Dictionary<string, int> _failuresByTopic = new();
    private long _sequence;
    private long _published;

    public HoneySalesOutbox(IMarketplaceBus bus) => _bus = bus;

    public long Published => Interlocked.Read(ref _published);

    public ValueTask EnqueueAsync(string topic, string payload, CancellationToken cancellationToken)
    {
        var message = new OutboxMessage(Interlocked.Increment(ref _sequence), topic, payload);
        return _channel.Writer.WriteAsync(message, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _channel.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await _bus.PublishAsync(message.Topic, message.Payload, stoppingToken);
                    Interlocked.Increment(ref _published);
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException && attempt < 5)
                {
                    _failuresByTopic[message.Topic] = _failuresByTopic.GetValueOrDefault(message.Topic) + 1;
                    await Task.Delay(TimeSpan.FromSeconds(attempt * attempt), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Console.Error.WriteLine($"Giving up on outbox message {message.Sequence}: {ex.Message}");
                    break;
                }
            }

            if (_failuresByTopic.Count > 100)
            {
                _failuresByTopic.Clear();
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }
}
