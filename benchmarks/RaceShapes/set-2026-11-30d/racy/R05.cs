using System.Threading.Channels;

namespace Blind4.Messaging.Consumers;

public sealed record QueueMessage(long Offset, DateTimeOffset EnqueuedAt, string Key, ReadOnlyMemory<byte> Body);

/// <summary>
/// Pulls messages from a broker partition into a bounded buffer and processes them with
/// several workers. The metrics endpoint reads <see cref="ConsumerLag"/> and <see cref="Processed"/>.
/// </summary>
public sealed class PartitionConsumer
{
    private readonly Channel<QueueMessage> _buffer;
    private readonly Func<QueueMessage, CancellationToken, Task> _handler;
    private readonly int _workerCount;
    private long _processed;
    private DateTimeOffset _newestHandled = DateTimeOffset.MinValue;

    public PartitionConsumer(Func<QueueMessage, CancellationToken, Task> handler, int workerCount = 4, int capacity = 1_000)
    {
        _handler = handler;
        _workerCount = workerCount;
        _buffer = Channel.CreateBounded<QueueMessage>(new BoundedChannelOptions(capacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The broker fetch loop writes here.</summary>
    public ChannelWriter<QueueMessage> Input => _buffer.Writer;

    public long Processed => Interlocked.Read(ref _processed);

    public TimeSpan ConsumerLag
    {
        get
        {
            var newest = _newestHandled;
            return newest == DateTimeOffset.MinValue ? TimeSpan.Zero : DateTimeOffset.UtcNow - newest;
        }
    }

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var workers = new Task[_workerCount];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkerLoopAsync(cancellationToken), cancellationToken);
        }
        return Task.WhenAll(workers);
    }

    private async Task WorkerLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _buffer.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var message))
            {
                await _handler(message, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _processed);

                if (message.EnqueuedAt > _newestHandled)
                {
                    _newestHandled = message.EnqueuedAt;
                }
            }
        }
    }
}
