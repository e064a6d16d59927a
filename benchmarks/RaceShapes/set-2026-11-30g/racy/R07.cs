using System.Text.Json;
using System.Threading.Channels;

namespace Ordering.Messaging;

public sealed record OrderMessage(string MessageId, string OrderId, string Payload, int DeliveryCount);

public interface IOrderHandler
{
    Task HandleAsync(OrderMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Pulls order messages off an in-process channel and hands them to the handler,
/// with a fixed number of concurrent workers.
/// </summary>
public sealed class OrderMessageConsumer
{
    private readonly Channel<OrderMessage> _channel;
    private readonly IOrderHandler _handler;
    private readonly int _workerCount;
    private readonly List<string> _deadLettered = new();
    private long _handled;

    public OrderMessageConsumer(IOrderHandler handler, int workerCount = 4, int capacity = 1000)
    {
        _handler = handler;
        _workerCount = workerCount;
        _channel = Channel.CreateBounded<OrderMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false
        });
    }

    public ChannelWriter<OrderMessage> Writer => _channel.Writer;

    public long Handled => Interlocked.Read(ref _handled);

    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, _workerCount)
            .Select(i => Task.Run(() => WorkerLoopAsync(i, cancellationToken), cancellationToken))
            .ToArray();

        await Task.WhenAll(workers).ConfigureAwait(false);
        return _deadLettered.ToArray();
    }

    private async Task WorkerLoopAsync(int workerId, CancellationToken cancellationToken)
    {
        await foreach (var message in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _handler.HandleAsync(message, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _handled);
            }
            catch (JsonException ex)
            {
                Console.Error.WriteLine($"[worker {workerId}] malformed payload in {message.MessageId}: {ex.Message}");
                _deadLettered.Add(message.MessageId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && message.DeliveryCount < 5)
            {
                Console.Error.WriteLine($"[worker {workerId}] retrying {message.MessageId}: {ex.Message}");
                await _channel.Writer.WriteAsync(message with { DeliveryCount = message.DeliveryCount + 1 }, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }
}
