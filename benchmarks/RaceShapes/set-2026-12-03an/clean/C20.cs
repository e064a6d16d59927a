using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind40.OysterFarms.Outbox;

public sealed record OutboxMessage(Guid Id, string Topic, string Payload, DateTimeOffset CreatedUtc);

public interface IMessageBroker
{
    Task PublishAsync(string topic, string payload, CancellationToken ct);
}

/// <summary>
/// Outbox for the oyster farm's traceability events (bag graded, lease
/// harvested, depuration batch released). Request handlers enqueue messages
/// after committing; a single hosted service drains the channel and publishes
/// them in order.
/// </summary>
public sealed class TraceabilityOutbox : BackgroundService
{
    private readonly Channel<OutboxMessage> _channel = Channel.CreateBounded<OutboxMessage>(
        new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly IMessageBroker _broker;
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _dispatched = new();
    private long _published;
    private long _failures;

    public TraceabilityOutbox(IMessageBroker broker) => _broker = broker;

    public long Published => Interlocked.Read(ref _published);
    public long Failures => Interlocked.Read(ref _failures);

    public bool WasDispatched(Guid id) => _dispatched.ContainsKey(id);

    public ValueTask EnqueueAsync(OutboxMessage message, CancellationToken ct) =>
        _channel.Writer.WriteAsync(message, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _channel.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    await PublishWithRetryAsync(message, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PublishWithRetryAsync(OutboxMessage message, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await _broker.PublishAsync(message.Topic, message.Payload, ct).ConfigureAwait(false);
                _dispatched[message.Id] = DateTimeOffset.UtcNow;
                Interlocked.Increment(ref _published);
                return;
            }
            catch (Exception) when (attempt < 5 && !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failures);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct).ConfigureAwait(false);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
