using System.Threading.Channels;

namespace Orders.Messaging;

public sealed record InboundMessage(string Id, string Type, string Body, DateTimeOffset ReceivedAt);

/// <summary>
/// Pulls order events off an in-memory channel and hands them to the
/// configured handler using a fixed number of workers.
/// </summary>
public sealed class OrderEventConsumer
{
    private readonly Channel<InboundMessage> _channel;
    private readonly Func<InboundMessage, CancellationToken, Task> _handler;
    private readonly Dictionary<string, int> _handledByType = new(StringComparer.Ordinal);
    private readonly int _workerCount;

    public OrderEventConsumer(
        Func<InboundMessage, CancellationToken, Task> handler,
        int workerCount = 4,
        int capacity = 1_000)
    {
        _handler = handler;
        _workerCount = workerCount;
        _channel = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = false,
            SingleReader = false,
        });
    }

    public ChannelWriter<InboundMessage> Writer => _channel.Writer;

    /// <summary>
    /// Runs until the writer is completed or the token is cancelled.
    /// The returned dictionary holds how many messages of each type were handled.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken cancellationToken)
    {
        var workers = new Task[_workerCount];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkerLoopAsync(cancellationToken), cancellationToken);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return new Dictionary<string, int>(_handledByType);
    }

    private async Task WorkerLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _handler(message, cancellationToken).ConfigureAwait(false);
                RecordHandled(message.Type);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Console.Error.WriteLine($"Failed to handle {message.Type} message {message.Id}: {ex.Message}");
            }
        }
    }

    private void RecordHandled(string messageType)
    {
        _handledByType.TryGetValue(messageType, out var count);
        _handledByType[messageType] = count + 1;
    }
}
