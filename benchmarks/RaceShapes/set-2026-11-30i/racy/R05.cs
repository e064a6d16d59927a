using System.Threading.Channels;

namespace Orders.Ingestion;

public sealed record OrderMessage(string MessageId, string Payload, int Attempt);

public interface IOrderHandler
{
    Task HandleAsync(OrderMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Pulls order messages off an in-memory channel and dispatches them to the
/// handler using a fixed number of consumers.
/// </summary>
public sealed class OrderConsumer
{
    private readonly Channel<OrderMessage> _channel;
    private readonly IOrderHandler _handler;
    private readonly int _consumerCount;
    private readonly List<string> _failedMessageIds = new();
    private long _processed;

    public OrderConsumer(IOrderHandler handler, int consumerCount = 4)
    {
        _handler = handler;
        _consumerCount = consumerCount;
        _channel = Channel.CreateBounded<OrderMessage>(new BoundedChannelOptions(1000)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = true,
        });
    }

    public ChannelWriter<OrderMessage> Writer => _channel.Writer;

    public long Processed => Interlocked.Read(ref _processed);

    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var consumers = new Task[_consumerCount];
        for (int i = 0; i < consumers.Length; i++)
        {
            consumers[i] = Task.Run(() => ConsumeAsync(cancellationToken), cancellationToken);
        }

        await Task.WhenAll(consumers).ConfigureAwait(false);
        return _failedMessageIds.ToArray();
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _handler.HandleAsync(message, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _processed);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"Order {message.MessageId} failed on attempt {message.Attempt}: {ex.Message}");
                _failedMessageIds.Add(message.MessageId);
            }
        }
    }
}
