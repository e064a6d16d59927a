using System.Threading.Channels;

namespace ProducerConsumer;

/// <summary>What one run of the pipeline did.</summary>
public sealed record PipelineReport(int Produced, int Consumed, int Sum, bool Cancelled, int MaxQueued);

/// <summary>
/// Producers write work items into a bounded <see cref="Channel{T}"/>; consumers read them until the channel is
/// completed and empty. The bound makes fast producers wait for slow consumers instead of filling memory.
/// </summary>
/// <remarks>
/// Shutdown order: producers stop (all items written, or cancellation), then the writer is completed, then
/// consumers drain what is left and return. Cancellation stops the producers only, so no item that was accepted into
/// the channel is dropped.
/// </remarks>
public static class Pipeline
{
    public const int Capacity = 4;

    public static async Task<PipelineReport> RunAsync(
        int producers, int itemsPerProducer, int consumers, TimeSpan workPerItem, Action<string> log, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<int>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });

        int produced = 0;
        int consumed = 0;
        int sum = 0;
        int maxQueued = 0;

        async Task ProduceAsync(int producer)
        {
            for (int i = 0; i < itemsPerProducer; i++)
            {
                int item = (producer * 1000) + i;
                try
                {
                    // Waits while the channel is full: this is the back-pressure.
                    await channel.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    log($"producer {producer}: cancelled after {i} items");
                    return;
                }

                Interlocked.Increment(ref produced);
                int queued = channel.Reader.Count;
                int seen = Volatile.Read(ref maxQueued);
                while (queued > seen && Interlocked.CompareExchange(ref maxQueued, queued, seen) != seen)
                {
                    seen = Volatile.Read(ref maxQueued);
                }
            }

            log($"producer {producer}: wrote all {itemsPerProducer} items");
        }

        async Task ConsumeAsync(int consumer)
        {
            int mine = 0;

            // ReadAllAsync ends when the writer is completed and the channel is empty: that is the clean shutdown.
            await foreach (int item in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                await Task.Delay(workPerItem, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Increment(ref consumed);
                Interlocked.Add(ref sum, item);
                mine++;
            }

            log($"consumer {consumer}: channel completed, handled {mine} items, exiting");
        }

        Task[] consumerTasks = Enumerable.Range(1, consumers).Select(ConsumeAsync).ToArray();
        Task[] producerTasks = Enumerable.Range(1, producers).Select(ProduceAsync).ToArray();

        await Task.WhenAll(producerTasks).ConfigureAwait(false);
        channel.Writer.Complete();
        log("all producers done: channel completed");
        await Task.WhenAll(consumerTasks).ConfigureAwait(false);

        return new PipelineReport(
            Volatile.Read(ref produced),
            Volatile.Read(ref consumed),
            Volatile.Read(ref sum),
            cancellationToken.IsCancellationRequested,
            Volatile.Read(ref maxQueued));
    }
}
