using System.Threading.Channels;

namespace StatsD.Aggregation;

/// <summary>
/// Aggregates counters reported by request handlers and flushes them to the
/// StatsD daemon. Handlers only post messages; the aggregation state is
/// owned by the single consumer loop.
/// </summary>
public sealed class CounterAggregator : IAsyncDisposable
{
    private abstract record Message;
    private sealed record Increment(string Name, long Delta) : Message;
    private sealed record Flush(TaskCompletionSource<IReadOnlyDictionary<string, long>> Reply) : Message;

    private readonly Channel<Message> _mailbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = false,
    });

    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private long _messagesSinceFlush;

    public CounterAggregator()
    {
        _loop = Task.Run(RunAsync);
    }

    public void Count(string name, long delta = 1) =>
        _mailbox.Writer.TryWrite(new Increment(name, delta));

    public Task<IReadOnlyDictionary<string, long>> FlushAsync()
    {
        var reply = new TaskCompletionSource<IReadOnlyDictionary<string, long>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_mailbox.Writer.TryWrite(new Flush(reply)))
        {
            reply.SetException(new ObjectDisposedException(nameof(CounterAggregator)));
        }
        return reply.Task;
    }

    private async Task RunAsync()
    {
        await foreach (var message in _mailbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (message)
            {
                case Increment inc:
                    _counters.TryGetValue(inc.Name, out var current);
                    _counters[inc.Name] = current + inc.Delta;
                    _messagesSinceFlush++;
                    break;

                case Flush flush:
                    var snapshot = new Dictionary<string, long>(_counters, StringComparer.Ordinal);
                    _counters.Clear();
                    Console.WriteLine($"flushing {snapshot.Count} counters from {_messagesSinceFlush} messages");
                    _messagesSinceFlush = 0;
                    flush.Reply.SetResult(snapshot);
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _mailbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}

public static class StatsDFlusher
{
    public static async Task RunAsync(CounterAggregator aggregator, Func<string, Task> send, TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            var counters = await aggregator.FlushAsync().ConfigureAwait(false);
            foreach (var (name, value) in counters)
            {
                await send($"{name}:{value}|c").ConfigureAwait(false);
            }
        }
    }
}
